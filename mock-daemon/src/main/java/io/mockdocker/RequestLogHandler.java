package io.mockdocker;

import io.mockdocker.api.DockerApi;
import io.mockdocker.engine.Clock;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every request in the journal, when its response starts (before the client can see it) and again when it
 * ends, and reports it to the listener at the end; outermost in the chain so that it sees the final status and every
 * body byte the endpoint reads.
 */
final class RequestLogHandler implements HttpHandler {
  private static final Pattern VERSION_PREFIX = Pattern.compile("^/v([0-9.]+)(?=/)");

  private final HttpHandler next;
  private final RequestJournal journal;
  private final Clock clock;
  private final Consumer<RequestLogEntry> listener;

  RequestLogHandler(HttpHandler next, RequestJournal journal, Clock clock, Consumer<RequestLogEntry> listener) {
    this.next = next;
    this.journal = journal;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    long start = System.nanoTime();
    String query = ex.getQueryString() == null ? "" : ex.getQueryString();
    String path = ex.getRequestPath();
    Matcher prefix = VERSION_PREFIX.matcher(path);
    String version = prefix.find() ? prefix.group(1) : "";
    BodySampleConduit.Sample body = new BodySampleConduit.Sample();
    long[] seq = {-1};
    ex.addRequestWrapper((factory, exchange) -> new BodySampleConduit(factory.create(), body));
    ex.addResponseCommitListener(exchange -> {
      synchronized (seq) {
        seq[0] = journal.record(entry(exchange, path, version, query, body, start));
      }
    });
    ex.addExchangeCompleteListener((exchange, nextListener) -> {
      try {
        RecordedRequest done = entry(exchange, path, version, query, body, start);
        synchronized (seq) {
          if (seq[0] < 0) {
            journal.record(done);
          } else {
            journal.update(seq[0], done);
          }
        }
        listener.accept(new RequestLogEntry(done.method(), ex.getRequestURI() + (query.isEmpty() ? "" : "?" + query),
            done.status(), done.duration()));
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(ex);
  }

  private RecordedRequest entry(HttpServerExchange ex, String path, String version, String query,
      BodySampleConduit.Sample body, long start) {
    Integer hijacked = ex.getAttachment(DockerApi.HIJACKED_STATUS);
    return new RecordedRequest(ex.getRequestMethod().toString(), path, version, query, body.head(), body.length(),
        hijacked != null ? hijacked : ex.getStatusCode(), MockDocker.since(start), clock.now(),
        ex.getAttachment(DockerApi.UNMATCHED) != null);
  }
}
