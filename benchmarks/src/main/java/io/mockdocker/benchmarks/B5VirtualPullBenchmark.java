package io.mockdocker.benchmarks;

import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.DaemonAccess;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.Tars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * B5: a pull scripted to take 10 minutes of daemon time (three 100 KiB layers at 512 bytes a second, in 4 KiB reads
 * with progress), on a virtual clock that runs instantly: {@code POST /v1.2/images/create} read to its end over
 * loopback, then the image deleted so that the next pull transfers again. Score: wall-clock milliseconds a pull.
 * Aim: ≤ 100 ms. Each pull is checked to have moved the virtual clock by exactly the scripted 10 minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B5VirtualPullBenchmark {
  static final int LAYERS = 3;
  static final int LAYER_BYTES = 100 * 1024;
  static final Duration SCRIPTED = Duration.ofMinutes(10);

  private VirtualClock clock;
  private MockDocker docker;

  @Setup(Level.Trial)
  public void start() {
    clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
    clock.runInstantly();
    docker = MockDocker.builder().fixtures(Fixtures.none()).clock(clock).start();
    String parent = "";
    String top = null;
    for (int i = 0; i < LAYERS; i++) {
      String id = Daemons.id(5, i);
      docker.registry().image(RemoteImage.builder(id).parent(parent).layerTar(tarOf(i)).build());
      parent = id;
      top = id;
    }
    docker.registry().tag("slow", "latest", top);
    long total = (long) LAYERS * LAYER_BYTES;
    docker.script(TransferMatch.pull("slow"), TransferScript.builder().chunkSize(4096)
        .bytesPerSecond(total / SCRIPTED.toSeconds()).build());
  }

  /** A layer of exactly {@code LAYER_BYTES}: one file, zero-padded, as registries stored them. */
  private static byte[] tarOf(int i) {
    byte[] tar = new byte[LAYER_BYTES];
    byte[] content = ("layer " + i + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] built = Tars.compact().file("./layer" + i, content).bytes();
    System.arraycopy(built, 0, tar, 0, built.length);
    return tar;
  }

  @TearDown(Level.Trial)
  public void stop() {
    docker.close();
  }

  @Benchmark
  public long pull() throws IOException {
    Instant before = clock.now();
    byte[] body = RawHttp.once(docker.port(), "POST", "/v1.2/images/create?fromImage=slow&tag=latest");
    Duration took = Duration.between(before, clock.now());
    if (!took.equals(SCRIPTED)) {
      throw new IllegalStateException("the pull took " + took + " of daemon time, not " + SCRIPTED + ": "
          + new String(body, StandardCharsets.UTF_8));
    }
    DaemonAccess.engine(docker).untagAndPrune("slow:latest");
    return body.length;
  }
}
