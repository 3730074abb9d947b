package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R4: daemons started and stopped over and over in one JVM leak no ports, threads, file descriptors or heap: each
 * is bounded by a fixed tolerance over its baseline that does not grow with the cycles. CI runs 500 cycles
 * ({@code -Dreliability.cycles=10000} for the full run, about three minutes on two cores). Every daemon answers
 * a request and runs a container before it stops, so the I/O, worker, process and session pools all exist.
 */
class StartStopCyclesTest {
  static final int CYCLES = Leaks.iterations("reliability.cycles", 500);

  @Test
  void start_stop_cycles_leak_no_ports_threads_or_heap() throws Exception {
    warmUp();
    int baselineThreads = Leaks.liveThreads();
    long baselineFds = Leaks.openFileDescriptors();
    Map<String, Integer> baselinePools = Leaks.threadsByPool();
    List<Long> heap = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < CYCLES; i++) {
      int port = cycle(i);
      ports.add(port);
      assertThat(free(port)).as("port %d free again after cycle %d", port, i).isTrue();
      if ((i + 1) % Math.max(1, CYCLES / 5) == 0) {
        heap.add(Leaks.usedHeapAfterGc());
      }
    }
    // polled on this thread, so that Awaitility adds no thread to the count
    await("threads back at baseline").pollInSameThread().atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(Leaks.liveThreads())
            .as("threads: baseline %d %s, now %s", baselineThreads, baselinePools, Leaks.threadsByPool())
            .isLessThanOrEqualTo(baselineThreads + 3));
    for (int port : ports.subList(Math.max(0, ports.size() - 50), ports.size())) {
      assertThat(free(port)).as("port %d", port).isTrue();
    }
    if (baselineFds >= 0) {
      await("file descriptors back within 8 of the baseline " + baselineFds).pollInSameThread()
          .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .untilAsserted(() -> assertThat(Leaks.openFileDescriptors()).isLessThanOrEqualTo(baselineFds + 8));
    }
    // no growing trend: the last sample is within 16 MiB of the first (jimfs, journals and engines are dropped)
    assertThat(heap.get(heap.size() - 1)).as("heap samples %s", heap).isLessThan(heap.get(0) + (16L << 20));
    System.out.printf("R4: %d cycles; threads %d -> %d, fds %d -> %d, heap samples (MiB) %s%n", CYCLES,
        baselineThreads, Leaks.liveThreads(), baselineFds, Leaks.openFileDescriptors(),
        heap.stream().map(h -> h >> 20).toList());
  }

  private static void warmUp() throws Exception {
    for (int i = 0; i < 20; i++) {
      cycle(i);
    }
    Leaks.usedHeapAfterGc();
  }

  /** One daemon: started, asked, made to run a container when {@code i} is even, stopped. Returns its port. */
  private static int cycle(int i) throws Exception {
    MockDocker docker = MockDocker.builder().fixtures(i % 10 == 0 ? Fixtures.defaults() : Fixtures.none()).start();
    int port = docker.port();
    try {
      RawHttp http = new RawHttp(docker.uri());
      assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
      if (i % 10 == 0) {
        String created = http.post("/v1.2/containers/create", "application/json",
            "{\"Image\":\"base\",\"Cmd\":[\"echo\",\"hi\"]}").text();
        String id = created.replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
        assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
        assertThat(http.post("/v1.2/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
        assertThat(http.post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1").text()).isEqualTo("hi\n");
      }
    } finally {
      docker.close();
    }
    return port;
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
