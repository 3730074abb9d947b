package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's combined, ordered log over all its runs, split per line as docker's json-file logger split the
 * output; a line still open when the process ends is logged as it is. Followers wait here for new entries until the
 * run ends. Thread-safe.
 */
final class ContainerLog {
  private final Clock clock;
  private final List<LogEntry> entries = new ArrayList<>();
  private final ByteArrayOutputStream pendingOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream pendingErr = new ByteArrayOutputStream();
  private boolean live;

  ContainerLog(Clock clock) {
    this.clock = clock;
  }

  synchronized void append(StdStream stream, byte[] bytes) {
    ByteArrayOutputStream pending = stream == StdStream.STDERR ? pendingErr : pendingOut;
    Instant now = clock.now();
    for (byte b : bytes) {
      pending.write(b);
      if (b == '\n') {
        entries.add(new LogEntry(now, stream, pending.toByteArray()));
        pending.reset();
      }
    }
    notifyAll();
  }

  /** A run begins: followers started from now on stay until it ends. */
  synchronized void runStarted() {
    live = true;
    notifyAll();
  }

  /** The run ended: open lines are logged and followers are released. */
  synchronized void runEnded() {
    Instant now = clock.now();
    if (pendingOut.size() > 0) {
      entries.add(new LogEntry(now, StdStream.STDOUT, pendingOut.toByteArray()));
      pendingOut.reset();
    }
    if (pendingErr.size() > 0) {
      entries.add(new LogEntry(now, StdStream.STDERR, pendingErr.toByteArray()));
      pendingErr.reset();
    }
    live = false;
    notifyAll();
  }

  synchronized List<LogEntry> entries() {
    return List.copyOf(entries);
  }

  /** Delivers the selected entries; with {@code follow} on a running container, then the new ones until exit. */
  void read(LogOptions options, LogSink sink) throws IOException, InterruptedException {
    List<LogEntry> selected = new ArrayList<>();
    int next;
    boolean follow;
    synchronized (this) {
      for (LogEntry e : entries) {
        if (selects(options, e)) {
          selected.add(e);
        }
      }
      next = entries.size();
      follow = options.follow() && live;
    }
    if (options.tail() >= 0 && selected.size() > options.tail()) {
      selected = selected.subList(selected.size() - options.tail(), selected.size());
    }
    for (LogEntry e : selected) {
      sink.write(e);
    }
    if (!follow) {
      return;
    }
    while (true) {
      List<LogEntry> fresh = new ArrayList<>();
      boolean ended;
      synchronized (this) {
        while (next == entries.size() && live) {
          wait(200);
          if (options.until() != null && !clock.now().isBefore(options.until())) {
            return;
          }
        }
        for (; next < entries.size(); next++) {
          if (selects(options, entries.get(next))) {
            fresh.add(entries.get(next));
          }
        }
        ended = !live;
      }
      for (LogEntry e : fresh) {
        sink.write(e);
      }
      if (ended) {
        return;
      }
    }
  }

  private static boolean selects(LogOptions options, LogEntry e) {
    if (e.stream() == StdStream.STDOUT ? !options.stdout() : !options.stderr()) {
      return false;
    }
    if (options.since() != null && e.time().isBefore(options.since())) {
      return false;
    }
    return options.until() == null || !e.time().isAfter(options.until());
  }
}
