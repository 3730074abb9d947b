package io.mockdocker.faults;

import io.mockdocker.Clock;
import io.mockdocker.internal.FaultWiring;
import io.mockdocker.internal.http.RequestVersion;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The faults installed on a daemon, applied by a handler that wraps the Docker API (inside the request journal), by
 * output wrappers on the response and on attach streams, and by a hook on the engine's transfers; never inside an
 * endpoint. Faults are checked in the order they were added; every one that matches an exchange applies.
 *
 * <pre>{@code
 * FaultHandle flaky = docker.on("POST", "/images/create").nth(2).reset();
 * docker.on("GET", "/version").error(500, "Internal server error");
 * docker.on(Match.pull("busybox")).atProgress(2, 0.4).reset();
 * flaky.remove();
 * }</pre>
 *
 * <p>Each fault that fires is listed on its request in the journal. {@code MockDocker.reset()} removes the faults
 * added since start and installs again those given to the builder, with fresh counts.
 */
public final class Faults {
  static {
    FaultWiring.install(new FaultWiring.Access() {
      @Override
      public Faults create(Clock clock, BiConsumer<HttpServerExchange, Fault> onFired) {
        return Faults.create(clock, onFired);
      }

      @Override
      public HttpHandler wrap(Faults faults, HttpHandler next) {
        return faults.wrap(next);
      }
    });
  }

  /** Whether the modern view answers the request: its daemon errors then take the modern form. */
  static boolean modern(HttpServerExchange ex) {
    return RequestVersion.isModern(ex);
  }

  private final Clock clock;
  private final BiConsumer<HttpServerExchange, Fault> onFired;
  private final CopyOnWriteArrayList<FaultHandle> handles = new CopyOnWriteArrayList<>();

  private Faults(Clock clock, BiConsumer<HttpServerExchange, Fault> onFired) {
    this.clock = clock;
    this.onFired = onFired;
  }

  static Faults create(Clock clock, BiConsumer<HttpServerExchange, Fault> onFired) {
    return new Faults(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(onFired, "onFired"));
  }

  /** Starts a fault for requests with this method ({@code *} for any) and path pattern (the journal's). */
  public FaultBuilder on(String method, String pathPattern) {
    return new FaultBuilder(this, Match.request(method, pathPattern));
  }

  /** Starts a fault for these requests. */
  public FaultBuilder on(Match match) {
    return new FaultBuilder(this, Objects.requireNonNull(match, "match"));
  }

  public FaultHandle add(Fault fault) {
    FaultHandle handle = new FaultHandle(Objects.requireNonNull(fault, "fault"), this);
    handles.add(handle);
    return handle;
  }

  /** Uninstalls a fault, releasing its stalls. */
  public boolean remove(FaultHandle handle) {
    boolean removed = handles.remove(handle);
    handle.removed();
    return removed;
  }

  /** Uninstalls every fault, releasing their stalls. */
  public void clear() {
    for (FaultHandle h : new ArrayList<>(handles)) {
      remove(h);
    }
  }

  /** The installed faults, oldest first. */
  public List<FaultHandle> active() {
    return List.copyOf(handles);
  }

  HttpHandler wrap(HttpHandler next) {
    return new FaultHandler(next, this);
  }

  Clock clock() {
    return clock;
  }

  /** Whether no fault is installed (one read of the list). */
  boolean none() {
    return handles.isEmpty();
  }

  /** The faults choosing this exchange, in order; counts every candidate's call. */
  List<FaultHandle> choose(RequestFacts facts) {
    List<FaultHandle> chosen = new ArrayList<>();
    for (FaultHandle h : handles) {
      Match m = h.fault().match();
      if (m.matchesRoute(facts.method(), facts.unversionedPath()) && m.matchesVersion(facts.version())
          && m.matchesName(facts.names()) && m.inWindow(clock.now()) && h.choose()) {
        chosen.add(h);
      }
    }
    return chosen;
  }

  void fired(HttpServerExchange ex, FaultHandle handle) {
    handle.fire();
    onFired.accept(ex, handle.fault());
  }

  @Override
  public String toString() {
    return "Faults" + handles;
  }
}
