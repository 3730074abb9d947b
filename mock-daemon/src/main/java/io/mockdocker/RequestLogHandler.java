package io.mockdocker;

import io.mockdocker.internal.http.DockerApi;
import io.mockdocker.internal.http.RequestVersion;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records every request in the journal, when its response starts (before the client can see it), when a fault
 * fires on it (a fault may end the connection before any response), and again when it ends, and reports it to the
 * listener at the end; outermost in the chain so that it sees the final status and every body byte the endpoint
 * reads.
 */
final class RequestLogHandler implements HttpHandler {
  private static final AttachmentKey<Tracker> TRACKER = AttachmentKey.create(Tracker.class);

  private final HttpHandler next;
  private final RequestJournal journal;
  private final Clock clock;
  private final Consumer<RecordedRequest> listener;

  RequestLogHandler(HttpHandler next, RequestJournal journal, Clock clock, Consumer<RecordedRequest> listener) {
    this.next = next;
    this.journal = journal;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String query = ex.getQueryString() == null ? "" : ex.getQueryString();
    String path = ex.getRequestPath();
    String version = RequestVersion.prefix(ex);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HeaderValues values : ex.getRequestHeaders()) {
      headers.put(values.getHeaderName().toString(), List.copyOf(values));
    }
    String rawTarget = ex.getRequestURI() + (query.isEmpty() ? "" : "?" + query);
    Tracker tracker = new Tracker(new RecordedRequest(ex.getRequestMethod().toString(), rawTarget, path, version,
        query, headers, "", 0, 0, Duration.ZERO, clock.now(), false, List.of()), System.nanoTime());
    ex.putAttachment(TRACKER, tracker);
    ex.addRequestWrapper((factory, exchange) -> new BodySampleConduit(factory.create(), tracker.body));
    ex.addResponseCommitListener(exchange -> tracker.record(exchange, true));
    ex.addExchangeCompleteListener((exchange, nextListener) -> {
      try {
        listener.accept(tracker.record(exchange, false));
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(ex);
  }

  /** Lists a fault that fired on the exchange and records the request now, in case the connection ends here. */
  static void faultFired(HttpServerExchange ex, Object fault) {
    Tracker tracker = ex.getAttachment(TRACKER);
    if (tracker != null) {
      tracker.fault(fault.toString(), !ex.isResponseStarted());
      tracker.record(ex, ex.isResponseStarted() ? ex.getStatusCode() : 0);
    }
  }

  /** One request's journal entry as it evolves. */
  private final class Tracker {
    final RecordedRequest request;
    final long start;
    final BodySampleConduit.Sample body = new BodySampleConduit.Sample();
    private final List<String> faults = new ArrayList<>();
    private long seq = -1;
    private boolean faultBeforeResponse;

    Tracker(RecordedRequest request, long start) {
      this.request = request;
      this.start = start;
    }

    synchronized void fault(String text, boolean beforeResponse) {
      faults.add(text);
      faultBeforeResponse |= beforeResponse;
    }

    /** Records with the exchange's status, or 0 if a fault fired before a response that never started. */
    RecordedRequest record(HttpServerExchange ex, boolean committing) {
      boolean cut;
      synchronized (this) {
        cut = faultBeforeResponse;
      }
      Integer hijacked = ex.getAttachment(DockerApi.HIJACKED_STATUS);
      if (hijacked != null) {
        return record(ex, hijacked); // the status line the attach client read, not Undertow's internal 101
      }
      return record(ex, cut && !committing && !ex.isResponseStarted() ? 0 : ex.getStatusCode());
    }

    synchronized RecordedRequest record(HttpServerExchange ex, int status) {
      RecordedRequest entry = request.with(body.head(), body.length(), status, MockDocker.since(start), clock.now(),
          ex.getAttachment(DockerApi.UNMATCHED) != null, faults);
      if (seq < 0) {
        seq = journal.record(entry);
      } else {
        journal.update(seq, entry);
      }
      return entry;
    }
  }
}
