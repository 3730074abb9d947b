package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.Signals;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Signals from the user to a container's run, for {@link ContainerRuntime}: stop (the stop signal, the timeout on the
 * engine clock, then KILL), kill with any signal, the kill events, the resume of a paused container so that a signal
 * lands, and the end of a pending restart. KILL ends the run at once through the runtime's finish.
 */
final class ContainerSignals {
  /** The runtime's end of a run: network, streams and mounts released, the exit code recorded. */
  interface Finish {
    void finish(LiveContainer c, LiveContainer.Run run, int code);
  }

  private final ExecutorService threads;
  private final Clock clock;
  private final Events events;
  private final HealthChecks health;
  private final Finish finish;

  ContainerSignals(ExecutorService threads, Clock clock, Events events, HealthChecks health, Finish finish) {
    this.threads = threads;
    this.clock = clock;
    this.events = events;
    this.health = health;
    this.finish = finish;
  }

  /**
   * Sends {@code signal} (0: the container's stop signal, TERM unless it sets one), waits {@code seconds} on the
   * clock (negative: the container's stop timeout, 10 unless it sets one; a negative one waits for ever), then
   * KILLs. A stopped container is left alone; a restarting one stays exited.
   */
  void stop(LiveContainer c, Integer seconds, int signal) throws InterruptedException {
    LiveContainer.Run run;
    CountDownLatch exited;
    Future<?> killer = null;
    c.ops.lock(); // the signal and the KILL timer, not the wait: a kill or rm -f meanwhile goes ahead, as in dockerd
    try {
      int sig;
      int wait;
      synchronized (c) {
        if (RestartScheduler.cancel(c)) {
          run = null;
          exited = null;
          sig = 0;
          wait = 0;
        } else if (!c.state.running()) {
          return;
        } else {
          run = c.run;
          exited = c.exited;
          sig = signal != 0 ? signal : stopSignal(c.config);
          wait = seconds != null ? seconds
              : c.config.stopTimeout() != null ? c.config.stopTimeout() : ContainerRuntime.DEFAULT_STOP_TIMEOUT;
        }
      }
      if (run != null) {
        send(c, run, sig);
        if (wait >= 0) {
          killer = threads.submit(() -> {
            try {
              clock.sleep(Duration.ofSeconds(wait));
              kill(c, run);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
      }
    } finally {
      c.ops.unlock();
    }
    if (run != null) {
      try {
        exited.await();
      } finally {
        if (killer != null) {
          killer.cancel(true);
        }
      }
    }
    events.emit("container", "stop", c.id, c.eventAttributes());
  }

  /**
   * After a signal from the user, a paused container is resumed so that the signal lands, as the daemon did for the
   * stop signal (any signal when the container sets none); KILL has ended the run already.
   */
  private void resume(LiveContainer c, int signal) {
    if (signal != ContainerRuntime.SIGKILL && (c.config.stopSignal().isEmpty() || stopSignal(c.config) == signal)) {
      ContainerControl.thaw(c, events, health);
    }
  }

  /** The signal stop sends: the container's {@code StopSignal} when it parses, else TERM. */
  static int stopSignal(io.mockdocker.registry.Config config) {
    int parsed = config.stopSignal().isEmpty() ? -1 : Signals.parse(config.stopSignal());
    return parsed > 0 ? parsed : ContainerRuntime.SIGTERM;
  }

  /**
   * Sends {@code signal} to a running container: KILL ends the run at once, another signal reaches the process,
   * which may go on. A restarting container is left exited.
   */
  void kill(LiveContainer c, int signal) {
    c.ops.lock();
    try {
      LiveContainer.Run run;
      synchronized (c) {
        if (RestartScheduler.cancel(c) || !c.state.running()) {
          return;
        }
        run = c.run;
      }
      send(c, run, signal);
    } finally {
      c.ops.unlock();
    }
  }

  /**
   * Delivers a signal from the user as the daemon did: the restart policy ends for the stop signal (or any signal
   * when the container sets none), the container counts as stopped by hand, the kill event carries the number.
   */
  private void send(LiveContainer c, LiveContainer.Run run, int signal) {
    synchronized (c) {
      if (signal == ContainerRuntime.SIGKILL || c.config.stopSignal().isEmpty() || stopSignal(c.config) == signal) {
        c.restarts.canceled = true;
      }
      c.restarts.manuallyStopped = true;
    }
    if (signal == ContainerRuntime.SIGKILL) {
      kill(c, run);
      return;
    }
    killEvent(c, signal);
    resume(c, signal); // unpause before the process sees the signal, so the events read kill, unpause, die
    run.signals.send(signal);
  }

  private void kill(LiveContainer c, LiveContainer.Run run) {
    killEvent(c, ContainerRuntime.SIGKILL);
    run.signals.send(ContainerRuntime.SIGKILL);
    finish.finish(c, run, 128 + ContainerRuntime.SIGKILL);
  }

  private void killEvent(LiveContainer c, int signal) {
    Map<String, String> attributes = new java.util.TreeMap<>(c.eventAttributes());
    attributes.put("signal", Integer.toString(signal));
    events.emit("container", "kill", c.id, attributes);
  }
}
