package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The engine's event log: the last {@value #HISTORY} events (the daemon kept 256) and live subscribers. Obtained
 * from {@link Engine#events()}. Thread-safe.
 */
public final class Events {
  static final int HISTORY = 256;

  private final Clock clock;
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();

  Events(Clock clock) {
    this.clock = clock;
  }

  /** A subscription: replayed history plus the live events until closed. */
  public interface Subscription extends AutoCloseable {
    /** The events of the history at subscription time. */
    List<Event> history();

    @Override
    void close();
  }

  /** The stored history, oldest first. */
  public synchronized List<Event> history() {
    return new ArrayList<>(history);
  }

  /**
   * Takes the history and subscribes {@code live} to every later event in one step, so that nothing is missed or
   * seen twice. {@code live} runs on the thread that emits; it must not block.
   */
  public synchronized Subscription subscribe(Consumer<Event> live) {
    List<Event> past = new ArrayList<>(history);
    subscribers.add(live);
    return new Subscription() {
      @Override
      public List<Event> history() {
        return past;
      }

      @Override
      public void close() {
        subscribers.remove(live);
      }
    };
  }

  /** The number of live subscribers. */
  public int listeners() {
    return subscribers.size();
  }

  void emit(String type, String action, String actorId, Map<String, String> attributes) {
    Event event;
    synchronized (this) {
      event = new Event(type, action, actorId, attributes, clock.now());
      history.addLast(event);
      while (history.size() > HISTORY) {
        history.removeFirst();
      }
      for (Consumer<Event> s : subscribers) {
        s.accept(event);
      }
    }
  }

  Instant now() {
    return clock.now();
  }
}
