package io.mockdocker.benchmarks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B1: start a server and get its first answer, in a warm JVM. The daemon (without fixtures, and with the defaults,
 * which pull {@code base} at start) answers {@code GET /v1.2/version}; WireMock is started and given a stub of the
 * same path with the daemon's bytes. Stopping is outside the measured time. Aim: the daemon ≥ 20× faster.
 *
 * <p>Warm-up is ten iterations: a start runs through much code that the JIT compiles late, and with three the
 * daemon's first measured iterations were still 30–50 % slower than its later ones (WireMock's likewise), so the
 * figure measured the compiler rather than a warm JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B1StartBenchmark {
  static final String PATH = "/v1.2/version";

  private byte[] versionBytes;
  private AutoCloseable started;

  @Setup(Level.Trial)
  public void captureAnswer() throws IOException {
    try (MockDocker docker = Daemons.empty()) {
      versionBytes = RawHttp.once(docker.port(), "GET", PATH);
    }
  }

  @TearDown(Level.Invocation)
  public void stop() throws Exception {
    if (started != null) {
      started.close();
      started = null;
    }
  }

  @Benchmark
  public byte[] mockDockerNoFixtures() throws IOException {
    MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).start();
    started = docker;
    return RawHttp.once(docker.port(), "GET", PATH);
  }

  @Benchmark
  public byte[] mockDockerDefaultFixtures() throws IOException {
    MockDocker docker = MockDocker.builder().start();
    started = docker;
    return RawHttp.once(docker.port(), "GET", PATH);
  }

  @Benchmark
  public byte[] wireMock() throws IOException {
    WireMockServer server = Peers.wireMock(PATH, versionBytes);
    started = server::stop;
    return RawHttp.once(server.port(), "GET", PATH);
  }
}
