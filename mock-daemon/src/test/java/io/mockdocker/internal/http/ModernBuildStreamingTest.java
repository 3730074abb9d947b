package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The classic builder streams a RUN's output while the step runs, as dockerd's attach to the step container did. */
class ModernBuildStreamingTest {
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults())
      .profile(ApiProfile.modern()).clock(clock).preload("busybox:latest"));

  /** Reads until {@code marker} has arrived; returns all read so far. */
  static String readUntil(InputStream in, ByteArrayOutputStream seen, String marker) throws IOException {
    byte[] buf = new byte[4096];
    while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      seen.write(buf, 0, n);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void a_runs_first_lines_arrive_before_it_sleeps_out_its_time_on_the_clock() throws Exception {
    byte[] tar = Fixed.tar(Map.of("Dockerfile",
        "FROM busybox\nRUN echo before && echo more && sleep 5 && echo after >&2 && echo last\n"));
    try (Socket socket = daemon.http().connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1.50/build?t=live HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-tar\r\n"
          + "Content-Length: " + tar.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(tar);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      String early = readUntil(in, seen, "{\"stream\":\"before\\nmore\\n\"}");
      assertThat(early).contains("{\"stream\":\"before\\nmore\\n\"}").doesNotContain("{\"stream\":\"last\\n\"}")
          .doesNotContain("after\\n").doesNotContain("Successfully");
      clock.awaitSleepers(1, Duration.ofSeconds(10));
      clock.advance(Duration.ofSeconds(5));
      String all = readUntil(in, seen, "Successfully tagged live:latest");
      assertThat(all.substring(early.length())).contains("{\"stream\":\"\\u001b[91mafter\\n\\u001b[0m\"}",
          "{\"stream\":\"last\\n\"}", "Successfully tagged live:latest");
    }
  }
}
