package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A client that resets its connection while the daemon is answering is normal: nothing is logged with a trace. */
class ClientResetTest {
  @Test
  void clients_resetting_during_error_answers_and_pulls_log_no_trace() throws Exception {
    try (Logged logged = Logged.capture();
        MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).start()) {
      RawHttp http = new RawHttp(docker.uri());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<?>> drops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          // an error answered at once, to a client that reset right after its request
          drops.add(pool.submit(() -> drop(http, "GET /v1.50/containers/nosuch/json HTTP/1.1\r\nHost: x\r\n\r\n", 0)));
          drops.add(pool.submit(() -> drop(http, "GET /v1.2/containers/nosuch/json HTTP/1.1\r\nHost: x\r\n\r\n", 0)));
        }
        for (int i = 0; i < 100; i++) {
          // a body cut short: the daemon's error answer meets a reset connection
          drops.add(pool.submit(() -> drop(http, "POST /v1.50/containers/create HTTP/1.1\r\nHost: x\r\n"
              + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"Image\":", 0)));
          // a pull whose client leaves after the first bytes of its stream
          drops.add(pool.submit(() -> drop(http, "POST /v1.50/images/create?fromImage=busybox&tag=latest HTTP/1.1\r\n"
              + "Host: x\r\nContent-Length: 0\r\n\r\n", 1)));
        }
        for (Future<?> f : drops) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(http.get("/_ping").text()).isEqualTo("OK");
      assertThat(http.post("/v1.50/images/create?fromImage=busybox&tag=latest").status()).isEqualTo(200);
      assertThat(logged.records()).isEmpty();
    }
  }

  /** Sends {@code request}, reads {@code n} bytes of the answer, then closes with an RST. */
  static Void drop(RawHttp http, String request, int n) throws IOException {
    try (Socket s = http.connect()) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      for (int i = 0; i < n && in.read() >= 0; i++) {
        // the first bytes of the answer
      }
      s.setSoLinger(true, 0);
    }
    return null;
  }
}
