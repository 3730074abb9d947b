package io.mockdocker.faults;

import io.mockdocker.internal.http.DockerApi;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the faults that choose an exchange: effects at the head here (an error instead of the endpoint, a delay or
 * a stall before it on a worker thread, a reset or a close instead of any answer), and the rest through the
 * exchange's output wrapper, its attach-stream wrapper and its transfer hook, installed before the endpoint runs.
 */
final class FaultHandler implements HttpHandler {
  private final HttpHandler next;
  private final Faults faults;

  FaultHandler(HttpHandler next, Faults faults) {
    this.next = next;
    this.faults = faults;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    if (faults.none()) {
      next.handleRequest(ex); // no fault installed: nothing to match, count or wrap
      return;
    }
    List<FaultHandle> chosen = faults.choose(RequestFacts.of(ex));
    if (chosen.isEmpty()) {
      next.handleRequest(ex);
      return;
    }
    List<FaultHandle> head = new ArrayList<>();
    List<FaultHandle> stream = new ArrayList<>();
    List<FaultHandle> progress = new ArrayList<>();
    for (FaultHandle h : chosen) {
      Moment moment = h.fault().moment();
      Effect effect = h.fault().effect();
      if (moment instanceof Moment.AtProgress) {
        progress.add(h);
      } else if (moment instanceof Moment.BeforeHead && atHead(effect)) {
        head.add(h);
      } else {
        stream.add(h); // byte and message moments, and body effects at the head: at 0 bytes
      }
    }
    if (!stream.isEmpty() || !progress.isEmpty()) {
      StreamFaults body = new StreamFaults(ex, faults, stream);
      ex.addResponseWrapper((factory, exchange) -> new FaultConduit(factory.create(), exchange, body));
      ex.putAttachment(DockerApi.RAW_STREAM, body::wrapRaw);
      if (!progress.isEmpty()) {
        ex.putAttachment(DockerApi.TRANSFER_HOOK, new ProgressFaults(ex, faults, progress, body));
      }
    }
    runHead(ex, head, 0);
  }

  /** Whether an effect at the head acts before the endpoint (else it acts on the body from its first byte). */
  private static boolean atHead(Effect effect) {
    return effect instanceof Effect.DockerError || effect instanceof Effect.Delay || effect instanceof Effect.Stall
        || effect instanceof Effect.Reset || effect instanceof Effect.Truncate;
  }

  private void runHead(HttpServerExchange ex, List<FaultHandle> head, int from) throws Exception {
    for (int i = from; i < head.size(); i++) {
      FaultHandle h = head.get(i);
      Effect effect = h.fault().effect();
      if (effect instanceof Effect.Delay || effect instanceof Effect.Stall) {
        if (ex.isInIoThread()) {
          int resume = i;
          ex.dispatch(exchange -> runHead(exchange, head, resume));
          return;
        }
        faults.fired(ex, h);
        if (effect instanceof Effect.Delay d) {
          faults.clock().sleep(h.sample(d));
        } else {
          h.awaitRelease();
        }
      } else if (effect instanceof Effect.DockerError e) {
        faults.fired(ex, h);
        ex.setStatusCode(e.status());
        boolean modern = Faults.modern(ex);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, modern ? "application/json" : "text/plain; charset=utf-8");
        byte[] body = ((modern ? "{\"message\":" + StreamFaults.jsonString(e.message()) + "}" : e.message()) + "\n")
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        ex.getResponseSender().send(ByteBuffer.wrap(body));
        return;
      } else if (effect instanceof Effect.Reset) {
        faults.fired(ex, h);
        Connections.reset(ex.getConnection());
        return;
      } else if (effect instanceof Effect.Truncate) {
        faults.fired(ex, h);
        Connections.close(ex.getConnection());
        return;
      }
    }
    next.handleRequest(ex);
  }

  @Override
  public String toString() {
    return "FaultHandler{" + faults + "}";
  }
}
