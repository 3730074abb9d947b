package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * R3: clients that read N bytes of a pull, push, export, attach or build stream and then close (half of them with an
 * RST), at every N from the first byte of the status line to past the end. Nothing may be logged at ERROR (SEVERE)
 * meanwhile: a client leaving is normal. Afterwards no pool thread is still busy, and the live threads, open file
 * descriptors and heap are bounded: each within a fixed tolerance of its baseline that does not grow with the number
 * of drops; the daemon still answers. CI runs 3 rounds of 78 drops ({@code -Dreliability.disconnects=129} for
 * 10,062 drops).
 */
class DisconnectTest {
  static final int ROUNDS = Leaks.iterations("reliability.disconnects", 3);
  static final String BOUNDARY = "drop";

  @Test
  void clients_dropping_at_every_point_of_every_stream_leave_nothing_behind() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).start()) {
      RawHttp http = new RawHttp(docker.uri());
      String container = container(http);
      List<byte[]> requests = requests(container);
      // once through whole, so that every pool exists before the baseline
      for (byte[] request : requests) {
        drop(docker, request, Integer.MAX_VALUE, false);
      }
      // threads already busy belong to daemons other tests of this JVM left running (a container that runs for ever)
      List<String> busyBefore = Leaks.busyPoolThreads().stream().map(b -> b.split(" ", 2)[0]).toList();
      int baselineThreads = Leaks.liveThreads();
      long baselineFds = Leaks.openFileDescriptors();
      long baselineHeap = Leaks.usedHeapAfterGc();
      int drops = 0;
      List<String> logged;
      try (Leaks.LogCapture errors = new Leaks.LogCapture(Level.SEVERE)) {
        for (int round = 0; round < ROUNDS; round++) {
          for (byte[] request : requests) {
            for (int n : new int[] {0, 1, 12, 40, 80, 120, 160, 200, 300, 500, 1000, 4000, 20000}) {
              drop(docker, request, n, (n + round) % 2 == 0);
              drops++;
            }
          }
        }
        // a late log of the last drops counts too: wait for every connection's handler to be done
        await("busy pool threads to finish").pollInSameThread().atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(Leaks.busyPoolThreads()).as("busy pool threads")
                .filteredOn(b -> !busyBefore.contains(b.split(" ", 2)[0])).isEmpty());
        logged = errors.records();
      }
      assertThat(drops).isGreaterThan(0);
      // bounded, not equal: idle pool threads may stay (cached pools keep them 60 s, XNIO keeps its workers), a
      // socket the client reset may take a moment to be closed on the daemon's side; none of it may grow with the
      // number of drops, so the tolerances are fixed
      assertThat(Leaks.liveThreads()).as("threads: baseline %d, now %s", baselineThreads, Leaks.threadsByPool())
          .isLessThanOrEqualTo(baselineThreads + 12);
      if (baselineFds >= 0) {
        await("open file descriptors back within 16 of the baseline " + baselineFds).pollInSameThread()
            .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(Leaks.openFileDescriptors()).isLessThanOrEqualTo(baselineFds + 16));
      }
      long heap = Leaks.usedHeapAfterGc();
      System.out.printf("R3: %d drops, %d logged at ERROR; threads %d -> %d, fds %d -> %d, heap %d -> %d MiB%n",
          drops, logged.size(), baselineThreads, Leaks.liveThreads(), baselineFds, Leaks.openFileDescriptors(),
          baselineHeap >> 20, heap >> 20);
      assertThat(heap).as("heap after GC, baseline %d", baselineHeap).isLessThan(baselineHeap + (32L << 20));
      assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
      assertThat(http.post("/v1.2/containers/" + container + "/attach?logs=1&stdout=1").text()).startsWith("line");
      assertThat(logged).as("logged at ERROR during %d drops", drops).isEmpty();
    }
  }

  private static String container(RawHttp http) {
    String created = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"base\",\"Cmd\":[\"/bin/sh\",\"-c\",\"echo line1; echo line2; echo err >&2\"]}").text();
    String id = created.replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
    assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
    assertThat(http.post("/v1.2/containers/" + id + "/wait").status()).isEqualTo(200);
    return id;
  }

  private static List<byte[]> requests(String container) {
    List<byte[]> out = new ArrayList<>();
    out.add(request("POST", "/v1.2/images/create?fromImage=busybox", null, new byte[0]));
    out.add(request("POST", "/v1.0/images/create?fromImage=mock/webapp", null, new byte[0]));
    out.add(request("POST", "/v1.2/images/base/push", "application/json",
        "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}".getBytes(StandardCharsets.UTF_8)));
    out.add(request("GET", "/v1.2/containers/" + container + "/export", null, new byte[0]));
    out.add(request("POST", "/v1.2/containers/" + container + "/attach?logs=1&stream=1&stdout=1&stderr=1", null,
        new byte[0]));
    String dockerfile = "FROM base\nRUN echo built\nENV A b\nCMD [\"true\"]\n";
    byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Dockerfile\"; filename=\"D\"\r\n\r\n"
        + dockerfile + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    out.add(request("POST", "/v1.2/build", "multipart/form-data; boundary=" + BOUNDARY, body));
    return out;
  }

  private static byte[] request(String method, String path, String type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + (type == null ? "" : "Content-Type: " + type
        + "\r\n") + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends the request, reads {@code n} bytes (or to the end), then closes: with an RST when {@code reset}. */
  private static void drop(MockDocker docker, byte[] request, int n, boolean reset) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", docker.port()), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request);
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[Math.max(1, Math.min(n, 8192))];
      int read = 0;
      while (read < n) {
        int got = in.read(buffer, 0, Math.min(buffer.length, n - read));
        if (got < 0) {
          break;
        }
        read += got;
      }
      if (reset) {
        s.setSoLinger(true, 0);
      }
    } catch (java.net.SocketTimeoutException e) {
      // a keep-alive connection that the daemon leaves open after the whole answer: the client's timeout ends it
    }
  }
}
