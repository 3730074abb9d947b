package io.mockdocker;

import io.mockdocker.api.DockerApi;
import io.mockdocker.engine.Clock;
import io.mockdocker.engine.Engine;
import io.mockdocker.engine.Registry;
import io.mockdocker.fixtures.Fixtures;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.xnio.Options;

/**
 * A fake Docker daemon speaking the Remote API v1.0–v1.2 as docker v0.4.4 did, over real state: an image graph with
 * layers on an in-memory file system, tags, and a fake registry to pull from and push to.
 *
 * <pre>{@code
 * try (MockDocker docker = MockDocker.builder().start()) {
 *   URI uri = docker.uri();                 // http://127.0.0.1:<random port>
 *   // POST uri + "/v1.2/images/create?fromImage=busybox" streams a pull from the default registry
 * }
 * }</pre>
 */
public final class MockDocker implements AutoCloseable {
  private final Engine engine;
  private final DockerApi api;
  private final Undertow server;
  private final String host;
  private final int port;

  private MockDocker(Builder b) {
    this.engine = Engine.builder().clock(b.clock).registry(b.registry).random(b.random).build();
    this.api = DockerApi.create(engine, b.cors);
    try {
      b.fixtures.apply(engine);
      HttpHandler handler = new RequestLogHandler(api.handler(), b.requestListener);
      this.server = Undertow.builder()
          .addHttpListener(b.port, b.host)
          .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
          .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
          .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
          .setSocketOption(Options.REUSE_ADDRESSES, true)
          .setIoThreads(b.ioThreads)
          .setWorkerThreads(b.workerThreads)
          .setHandler(handler)
          .build();
      server.start();
    } catch (RuntimeException e) {
      api.close();
      engine.close();
      throw e;
    }
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    this.host = b.host;
    this.port = address.getPort();
  }

  /** A daemon on 127.0.0.1, a free port, with the embedded default fixtures. */
  public static MockDocker start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://HOST:PORT}. */
  public URI uri() {
    return URI.create("http://" + host + ":" + port);
  }

  /** {@code tcp://HOST:PORT}, for clients configured through {@code DOCKER_HOST}. */
  public String dockerHost() {
    return "tcp://" + host + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The daemon's state: images, tags, containers. */
  public Engine engine() {
    return engine;
  }

  /** The fake registry that pull, push, search and login talk to. */
  public Registry registry() {
    return engine.registry();
  }

  /** Stops the server and discards all state. */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      api.close();
      engine.close();
    }
  }

  @Override
  public String toString() {
    return "MockDocker{" + uri() + "}";
  }

  /** Configures a {@link MockDocker}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Fixtures fixtures = Fixtures.defaults();
    private boolean cors;
    private Clock clock = Clock.system();
    private Registry registry = new Registry();
    private Random random = new java.security.SecureRandom();
    private Consumer<RequestLogEntry> requestListener = entry -> {};
    private int ioThreads = 1;
    private int workerThreads = 64;

    private Builder() {}

    /** The address to bind; {@code 127.0.0.1} by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** What the registry holds and which images are local at start; {@link Fixtures#defaults()} by default. */
    public Builder fixtures(Fixtures fixtures) {
      this.fixtures = Objects.requireNonNull(fixtures);
      return this;
    }

    /** Adds the CORS headers of {@code docker -d -api-enable-cors} to routed responses. */
    public Builder enableCors() {
      this.cors = true;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** A registry to use instead of an empty one (fixtures are added to it). */
    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** The source of new IDs; a seeded {@link Random} gives the same IDs on every run. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** Called once for every answered request. */
    public Builder onRequest(Consumer<RequestLogEntry> listener) {
      this.requestListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Worker threads; each streaming or blocking request (pull, wait) holds one. 64 by default. */
    public Builder workerThreads(int workerThreads) {
      if (workerThreads < 1) {
        throw new IllegalArgumentException("workerThreads must be positive: " + workerThreads);
      }
      this.workerThreads = workerThreads;
      return this;
    }

    public MockDocker start() {
      return new MockDocker(this);
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
