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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * B3: the overhead of a fresh daemon per test method, over a suite of 200 tests: each test starts a daemon, sends one
 * request ({@code GET /v1.2/version}) and closes it, as {@code @MockDockerTest(lifecycle = PER_METHOD)} does; the peer
 * is a fresh WireMock server per test, given a stub of the same path with the daemon's bytes. The score is per test.
 * Aim: the daemon with the default fixtures ≤ 0.2× WireMock per test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B3PerTestBenchmark {
  static final int TESTS = 200;

  static final String PATH = "/v1.2/version";

  @Param({"none", "defaults", "wireMock"})
  public String fixtures;

  private byte[] versionBytes;

  @Setup(Level.Trial)
  public void captureAnswer() throws IOException {
    try (MockDocker docker = Daemons.empty()) {
      versionBytes = RawHttp.once(docker.port(), "GET", PATH);
    }
  }

  @Benchmark
  @OperationsPerInvocation(TESTS)
  public void suiteOf200(Blackhole bh) throws IOException {
    for (int i = 0; i < TESTS; i++) {
      if (fixtures.equals("wireMock")) {
        WireMockServer server = Peers.wireMock(PATH, versionBytes);
        try {
          bh.consume(RawHttp.once(server.port(), "GET", PATH));
        } finally {
          server.stop();
        }
        continue;
      }
      MockDocker.Builder builder = MockDocker.builder();
      if (fixtures.equals("none")) {
        builder.fixtures(Fixtures.none());
      }
      try (MockDocker docker = builder.start()) {
        bh.consume(RawHttp.once(docker.port(), "GET", PATH));
      }
    }
  }
}
