package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.registry.Config;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that leaves a blocked wait or events stream (the CLI drops its next-exit wait after {@code run -d}) frees
 * the worker that served it: with two workers, six abandoned requests later the daemon still answers.
 */
class ModernClientGoneTest {
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()).workerThreads(2));
  MockDocker docker;
  String sleeper;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.preload("busybox:latest");
    sleeper = Engines.of(docker).containers().create(Config.builder().image("busybox").cmd("sleep", "1000").build())
        .id();
    Engines.of(docker).containers().start(sleeper);
  }

  /** Sends a request, reads the status line the daemon flushes at once, and closes. */
  void abandon(String request) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", docker.port()), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n")) {
        head.append((char) in.read());
      }
      assertThat(head.toString()).isEqualTo("HTTP/1.1 200 OK\r\n");
    }
  }

  @Test
  void abandoned_waits_and_event_streams_do_not_hold_the_workers() throws Exception {
    for (int i = 0; i < 4; i++) {
      abandon("POST /v1.50/containers/" + sleeper + "/wait?condition=next-exit HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 0\r\n\r\n");
    }
    for (int i = 0; i < 2; i++) {
      abandon("GET /v1.50/events HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    RawHttp.Response ping = new RawHttp(docker.uri()).get("/_ping");
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.text()).isEqualTo("OK");
    assertThat(Engines.of(docker).containers().inspect(sleeper).state().running()).isTrue();
  }
}
