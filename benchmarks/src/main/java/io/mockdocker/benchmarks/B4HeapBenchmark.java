package io.mockdocker.benchmarks;

import io.mockdocker.internal.engine.Engine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * B4, heap: the heap an engine retains per image, for {@code images} images in 10-deep chains: a full GC, the heap in
 * use, the images loaded, a full GC, the heap in use again; the difference over the count is the secondary result
 * {@code retainedBytesPerImage} (the primary score is how long loading took). Layers are empty (metadata and layer
 * directories only) or hold one 9-byte file. Aim: ≤ 2 KB an image.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class B4HeapBenchmark {
  @Param("100000")
  public int images;

  @Param({"empty", "oneFile"})
  public String layers;

  /**
   * The secondary result. JMH sums an EVENTS counter over the measurement iterations, so each iteration adds its share
   * (its figure over the iteration count) and the summary shows the mean; the per-iteration lines show the shares.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Retained {
    public double retainedBytesPerImage;
  }

  @Benchmark
  public Engine load(Retained retained, IterationParams iteration) {
    long before = usedAfterGc();
    Engine engine = Engine.builder().build();
    for (int chain = 0; chain < images / B4ScaleBenchmark.DEPTH; chain++) {
      Daemons.chain(engine, 2, (long) chain * B4ScaleBenchmark.DEPTH, B4ScaleBenchmark.DEPTH,
          layers.equals("oneFile"));
    }
    long after = usedAfterGc();
    retained.retainedBytesPerImage = (double) (after - before) / engine.imageCount() / iteration.getCount();
    engine.close();
    return engine;
  }

  static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
