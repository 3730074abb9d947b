package io.mockdocker.benchmarks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.internal.DaemonAccess;
import io.undertow.Undertow;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B2: keep-alive throughput of a pure read with 10 running containers, one client connection, one request in flight:
 * the era's {@code GET /v1.2/containers/json} ({@code eraList}), the modern view's {@code GET /v1.50/containers/json}
 * ({@code modernList}) and {@code GET /v1.50/containers/ID/json} ({@code modernInspect}), from one daemon serving
 * both ranges. The daemon (on a clock that stands still, so that "Up …" never changes) answers each request itself;
 * WireMock serves the bytes the daemon answered as a static stub; a bare Undertow handler writes the same bytes.
 * Aims: ≥ 2× WireMock, ≥ 0.7× bare Undertow, in both views. Six warm-up iterations: with three, the daemon's
 * figure still rose through its first measured ones while the JIT compiled its chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B2KeepAliveBenchmark {
  static final String PATH = "/v1.2/containers/json";
  static final int CONTAINERS = 10;

  @Param({"mockDocker", "wireMock", "bareUndertow"})
  public String server;

  @Param({"eraList", "modernList", "modernInspect"})
  public String request;

  private String path;

  private MockDocker docker;
  private WireMockServer wireMock;
  private Undertow undertow;
  private RawHttp client;
  byte[] expected;

  @Setup(Level.Trial)
  public void start() throws IOException {
    docker = Daemons.frozen(ApiProfile.all());
    String image = Daemons.chain(DaemonAccess.engine(docker), 1, 0, 2);
    List<String> ids = Daemons.runningContainers(DaemonAccess.engine(docker), image, CONTAINERS);
    path = switch (request) {
      case "eraList" -> PATH;
      case "modernList" -> "/v1.50/containers/json";
      case "modernInspect" -> "/v1.50/containers/" + ids.get(0) + "/json";
      default -> throw new IllegalArgumentException(request);
    };
    expected = RawHttp.once(docker.port(), "GET", path);
    int port;
    switch (server) {
      case "mockDocker" -> port = docker.port();
      case "wireMock" -> {
        wireMock = Peers.wireMock(path, expected);
        port = wireMock.port();
      }
      case "bareUndertow" -> {
        undertow = Peers.bareUndertow(expected);
        port = Peers.port(undertow);
      }
      default -> throw new IllegalArgumentException(server);
    }
    client = RawHttp.connect(port);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    if (wireMock != null) {
      wireMock.stop();
    }
    if (undertow != null) {
      undertow.stop();
    }
    docker.close();
  }

  @Benchmark
  public byte[] get() throws IOException {
    return client.get(path);
  }

  /** For the smoke test: one answer from the server under test. */
  byte[] answer() throws IOException {
    return client.get(path);
  }
}
