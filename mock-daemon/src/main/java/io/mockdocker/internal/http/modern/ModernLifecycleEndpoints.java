package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.CommandRefused;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerWaiter;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.RemovedMeanwhile;
import io.mockdocker.internal.engine.WaitCondition;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.mockdocker.internal.http.era.ContainersEndpoints;
import io.mockdocker.internal.shell.Signals;
import java.io.UncheckedIOException;
import java.util.List;

/** The modern endpoints of a container's run: start, stop, restart, kill and wait. */
final class ModernLifecycleEndpoints {
  private final Engine engine;

  ModernLifecycleEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("POST", "/containers/{name:.*}/start", this::start),
        Route.of("POST", "/containers/{name:.*}/stop", this::stop),
        Route.of("POST", "/containers/{name:.*}/restart", this::restart),
        Route.of("POST", "/containers/{name:.*}/kill", this::kill),
        Route.of("POST", "/containers/{name:.*}/wait", this::await));
  }

  private void start(Call<ModernVersion> call) {
    Container c = engine.containers().inspect(call.var("name"));
    if (c.state().paused()) {
      throw new ApiError(409, "cannot start a paused container, try unpause instead");
    }
    if (c.state().running() || c.state().restarting()) {
      ModernResponses.empty(call.exchange(), 304);
      return;
    }
    engine.networks().join(c.id());
    try {
      engine.containers().startCheckingCommand(c.id());
    } catch (CommandRefused refused) {
      engine.networks().startFailed(c.id()); // the daemon's clean-up releases the container's endpoints
      throw new ApiError(refused.status(), refused.getMessage());
    } catch (io.mockdocker.internal.engine.AlreadyRunning raced) {
      ModernResponses.empty(call.exchange(), 304); // a concurrent start got there first: the daemon's answer
      return;
    }
    ModernResponses.empty(call.exchange(), 204);
  }

  private void stop(Call<ModernVersion> call) {
    String name = call.var("name");
    Container c = engine.containers().inspect(name);
    if (!c.state().running() && !c.state().restarting()) {
      ModernResponses.empty(call.exchange(), 304);
      return;
    }
    int signal = stopSignal(call, "cannot stop container: " + name + ": ");
    engine.containers().stop(c.id(), timeout(call), signal);
    ModernResponses.empty(call.exchange(), 204);
  }

  private void restart(Call<ModernVersion> call) {
    String name = call.var("name");
    Container c = engine.containers().inspect(name);
    int signal = 0;
    if (c.state().running()) { // a stopped container's restart never reads the signal
      try {
        signal = stopSignal(call, "");
      } catch (ApiError e) {
        throw new ApiError(500, "Cannot restart container " + name + ": " + e.getMessage());
      }
    }
    try {
      engine.containers().restartCheckingCommand(c.id(), timeout(call), signal);
    } catch (CommandRefused refused) {
      throw new ApiError(500, "Cannot restart container " + name + ": " + refused.getMessage());
    } catch (RemovedMeanwhile removed) {
      // dockerd held the container: its start found the removal mark an rm -f had set during the stop
      throw new ApiError(500, "Cannot restart container " + name
          + ": container is marked for removal and cannot be started");
    }
    engine.networks().join(c.id());
    ModernResponses.empty(call.exchange(), 204);
  }

  /** {@code t}: the seconds to wait before the kill; absent, the container's stop timeout. */
  private static Integer timeout(Call<ModernVersion> call) {
    String t = call.param("t");
    return t.isEmpty() ? null : ContainersEndpoints.atoi(t, ContainersEndpoints.seconds(t));
  }

  /** Stop's {@code signal} (from API 1.42): 0 for the container's own; an unknown one is a 400 after {@code prefix}. */
  private static int stopSignal(Call<ModernVersion> call, String prefix) {
    String value = call.version().stopSignal() ? call.param("signal") : "";
    if (value.isEmpty()) {
      return 0;
    }
    int signal = Signals.parse(value);
    if (signal < 0) {
      throw new ApiError(400, prefix + "invalid signal: " + value);
    }
    return signal;
  }

  private void kill(Call<ModernVersion> call) {
    String name = call.var("name");
    String value = call.param("signal");
    int signal = Signals.KILL;
    if (!value.isEmpty()) {
      signal = Signals.parse(value);
      if (signal < 0) {
        throw new ApiError(400, "cannot kill container: " + name + ": invalid signal: " + value);
      }
      if (!Signals.valid(signal)) {
        throw new ApiError(400, "cannot kill container: " + name + ": the linux daemon does not support signal "
            + signal);
      }
    }
    Container c = engine.containers().inspect(name);
    if (!c.state().running() && !c.state().restarting()) {
      throw new ApiError(409, "cannot kill container: " + name + ": container " + c.id() + " is not running");
    }
    engine.containers().kill(c.id(), signal);
    ModernResponses.empty(call.exchange(), 204);
  }

  /** How often a blocked wait looks whether its client is still there (real time, not the engine's clock). */
  private static final java.time.Duration CLIENT_CHECK = java.time.Duration.ofMillis(200);

  private void await(Call<ModernVersion> call) throws InterruptedException {
    WaitCondition condition = WaitCondition.NOT_RUNNING;
    boolean early = call.version().waitCondition();
    if (early) {
      String value = call.param("condition");
      condition = switch (value) {
        case "", "not-running" -> WaitCondition.NOT_RUNNING;
        case "next-exit" -> WaitCondition.NEXT_EXIT;
        case "removed" -> WaitCondition.REMOVED;
        default -> throw new ApiError(400, "invalid condition: \"" + value + "\"");
      };
    }
    ContainerWaiter waiter = engine.containers().waiter(call.var("name"), condition);
    JsonLines lines = new JsonLines(call.exchange(), "\n");
    try {
      if (early) {
        lines.start();
      }
      java.util.OptionalInt code = waiter.await(CLIENT_CHECK);
      while (code.isEmpty()) {
        if (ClientGone.check(call.exchange())) {
          // the CLI drops its next-exit wait after `run -d`: the daemon stopped waiting, and so does the mock
          call.exchange().endExchange();
          return;
        }
        code = waiter.await(CLIENT_CHECK);
      }
      lines.write(GoJson.object().put("StatusCode", code.getAsInt()));
      lines.finish();
    } catch (UncheckedIOException e) {
      call.exchange().endExchange(); // the client went away: nothing to say
    }
  }
}
