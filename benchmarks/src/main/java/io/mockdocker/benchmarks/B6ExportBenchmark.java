package io.mockdocker.benchmarks;

import io.mockdocker.MockDocker;
import io.mockdocker.internal.DaemonAccess;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import io.undertow.Undertow;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * B6: {@code GET /v1.2/containers/ID/export} of a container whose image holds {@code sizeMb} MB in 16 files, read
 * to the end over loopback on a new connection each (the first export mounts the file system, in the warmup). Score:
 * exports a second; the secondary result {@code megabytes} is the rate in MB/s (MiB, 2^20 bytes). The peer is a bare
 * Undertow handler streaming the bytes the daemon exported (held in memory) in 64 KiB writes from a worker thread.
 * Aim: the daemon ≥ 0.5× bare Undertow. Four warm-up iterations: with one, both servers were still getting faster
 * through the measured ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class B6ExportBenchmark {
  static final int FILES = 16;

  @Param("256")
  public int sizeMb;

  @Param({"mockDocker", "bareUndertow"})
  public String server;

  private MockDocker docker;
  private Undertow undertow;
  private int port;
  private String path;

  /** Megabytes received, which JMH reports as a rate like the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Rate {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void start() throws IOException {
    docker = Daemons.empty();
    String id = Daemons.id(6, 0);
    RemoteImage.Builder image = RemoteImage.builder(id).config(Config.ofCmd("/bin/sh"));
    int size = (int) ((long) sizeMb * 1024 * 1024 / FILES);
    for (int i = 0; i < FILES; i++) {
      image.file("/data/blob" + i, size);
    }
    DaemonAccess.engine(docker).load(List.of(image.build()));
    String container = DaemonAccess.engine(docker).containers().create(Config.builder().image(id).cmd("true").build()).id();
    path = "/v1.2/containers/" + container + "/export";
    port = docker.port();
    if (server.equals("bareUndertow")) {
      try (RawHttp client = RawHttp.connect(port)) {
        undertow = Peers.bareUndertowStreaming(client.send("GET", path, true));
      }
      port = Peers.port(undertow);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (undertow != null) {
      undertow.stop();
    }
    docker.close();
  }

  @Benchmark
  public long export(Rate rate) throws IOException {
    try (RawHttp client = RawHttp.connect(port)) {
      client.send("GET", path, false);
      if (client.status() != 200) {
        throw new IOException("status " + client.status());
      }
      rate.megabytes += client.bodyBytes() / (1024.0 * 1024.0);
      return client.bodyBytes();
    }
  }
}
