package io.mockdocker.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the daemon and its server log at WARNING or above, or with a stack trace at INFO or above, while it is open;
 * a client's bad input or a client leaving should log none of it.
 */
final class Logged implements AutoCloseable {
  /** Kept strongly: java.util.logging holds loggers weakly. */
  private static final List<Logger> WATCHED = List.of(Logger.getLogger("io.mockdocker"),
      Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"));

  private final List<String> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()
          || r.getThrown() != null && r.getLevel().intValue() >= Level.INFO.intValue()) {
        records.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + ": " + r.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private Logged() {}

  static Logged capture() {
    Logged logged = new Logged();
    WATCHED.forEach(l -> l.addHandler(logged.handler));
    return logged;
  }

  List<String> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    WATCHED.forEach(l -> l.removeHandler(handler));
  }
}
