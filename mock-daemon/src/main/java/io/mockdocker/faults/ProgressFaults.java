package io.mockdocker.faults;

import io.mockdocker.internal.engine.ConnectionDropped;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Transfer;
import io.mockdocker.internal.engine.TransferHook;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults of one request at a progress fraction, as the engine's hook into its transfers: each fires once, at
 * the first transfer (or the numbered one) to reach its fraction. An error becomes the operation's failure (so the
 * client reads it the era's way, for a pull inside the stream); a reset, truncation or malformed chunk cuts the
 * response and ends the operation; a delay or stall holds the transfer; a throttle slows the response from there.
 */
final class ProgressFaults implements TransferHook {
  private final HttpServerExchange exchange;
  private final Faults faults;
  private final List<FaultHandle> pending;
  private final StreamFaults body;

  ProgressFaults(HttpServerExchange exchange, Faults faults, List<FaultHandle> atProgress, StreamFaults body) {
    this.exchange = exchange;
    this.faults = faults;
    this.pending = new ArrayList<>(atProgress);
    this.body = body;
  }

  @Override
  public synchronized List<Double> marks(Transfer transfer) {
    List<Double> marks = new ArrayList<>();
    for (FaultHandle h : pending) {
      Moment.AtProgress at = (Moment.AtProgress) h.fault().moment();
      if (at.layer() == 0 || at.layer() == transfer.number()) {
        marks.add(at.fraction());
      }
    }
    return marks;
  }

  @Override
  public void reached(Transfer transfer, double mark) throws InterruptedException {
    for (FaultHandle h : due(transfer, mark)) {
      Effect effect = h.fault().effect();
      if (effect instanceof Effect.DockerError e) {
        faults.fired(exchange, h);
        throw new DockerException(e.message());
      }
      try {
        body.applyNow(h);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (body.state() != StreamFaults.State.OPEN) {
        throw new ConnectionDropped(h.fault() + " at " + transfer);
      }
    }
  }

  private synchronized List<FaultHandle> due(Transfer transfer, double mark) {
    List<FaultHandle> due = new ArrayList<>();
    for (FaultHandle h : new ArrayList<>(pending)) {
      Moment.AtProgress at = (Moment.AtProgress) h.fault().moment();
      if (at.fraction() == mark && (at.layer() == 0 || at.layer() == transfer.number())) {
        pending.remove(h);
        due.add(h);
      }
    }
    return due;
  }

  @Override
  public String toString() {
    return "ProgressFaults" + pending;
  }
}
