package io.mockdocker.benchmarks;

import io.mockdocker.MockDocker;
import io.mockdocker.internal.DaemonAccess;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.util.ArrayList;
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
 * B4: a daemon holding {@code images} images in 10-deep chains (the top of each tagged {@code bench/cN:latest}, empty
 * layers) and {@code containers} created containers, over HTTP with one keep-alive connection: the image list (the
 * 10,000 tagged heads, and {@code all=1}), image inspect, the container list, and an API 1.2 delete that untags a
 * fresh 10-deep chain and prunes it. Aim: ≤ 150 ms for the list. Heap per image is {@link B4HeapBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class B4ScaleBenchmark {
  static final int DEPTH = 10;

  @Param("100000")
  public int images;

  @Param("10000")
  public int containers;

  private MockDocker docker;
  private RawHttp client;
  private final List<String> ids = new ArrayList<>();
  private int next;
  private long victims;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    docker = Daemons.empty();
    Engine engine = DaemonAccess.engine(docker);
    List<String> tops = new ArrayList<>();
    for (int chain = 0; chain < images / DEPTH; chain++) {
      String top = Daemons.chain(engine, 2, (long) chain * DEPTH, DEPTH, false);
      engine.tag(top, "bench/c" + chain, "latest");
      tops.add(top);
    }
    for (int i = 0; i < containers; i++) {
      engine.containers().create(Config.builder().image(tops.get(i % tops.size())).cmd("true").build());
    }
    for (int i = 0; i < images; i += 97) {
      ids.add(Daemons.id(2, i));
    }
    client = RawHttp.connect(docker.port());
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    docker.close();
  }

  /** A fresh 10-deep chain tagged {@code victim:latest} before each delete, outside the measured time. */
  @State(Scope.Thread)
  public static class Victim {
    @Setup(Level.Invocation)
    public void load(B4ScaleBenchmark bench) {
      Engine engine = DaemonAccess.engine(bench.docker);
      String top = Daemons.chain(engine, 3, bench.victims * DEPTH, DEPTH, false);
      engine.tag(top, "victim", "latest");
      bench.victims++;
    }
  }

  @Benchmark
  public long listImages() throws IOException {
    return ok(client.send("GET", "/v1.2/images/json", false));
  }

  @Benchmark
  public long listAllImages() throws IOException {
    return ok(client.send("GET", "/v1.2/images/json?all=1", false));
  }

  @Benchmark
  public long inspectImage() throws IOException {
    String id = ids.get(next++ % ids.size());
    return ok(client.send("GET", "/v1.2/images/" + id + "/json", false));
  }

  @Benchmark
  public long listAllContainers() throws IOException {
    return ok(client.send("GET", "/v1.2/containers/json?all=1", false));
  }

  @Benchmark
  public long deleteWithPrune(Victim victim) throws IOException {
    return ok(client.send("DELETE", "/v1.2/images/victim", false));
  }

  private long ok(byte[] unused) throws IOException {
    if (client.status() != 200) {
      throw new IOException("status " + client.status());
    }
    return client.bodyBytes();
  }
}
