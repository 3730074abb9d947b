package io.mockdocker.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A daemon stops at once whatever its containers and clients are doing: a container sleeping 1000 s, and clients
 * holding an events stream, a following log, a wait and an attach open. The standalone exits on SIGTERM and SIGINT;
 * {@link MockDocker#close()} returns and cuts the open connections.
 */
class ShutdownTest {
  static final Pattern ID = Pattern.compile("\"Id\":\"([0-9a-f]{64})\"");

  /** What a busy daemon's clients hold open; each ends when the daemon goes away. */
  record Busy(List<CompletableFuture<HttpResponse<InputStream>>> streams, Socket attach) {
    /** Reads every stream and the attach until its connection ends (at its end, or cut off mid-stream). */
    void readUntilAllEnd() throws Exception {
      for (CompletableFuture<HttpResponse<InputStream>> stream : streams) {
        try (InputStream body = stream.get().body()) {
          body.transferTo(OutputStream.nullOutputStream());
        } catch (ExecutionException | IOException cut) {
          // cut off: ended all the same
        }
      }
      try (InputStream in = attach.getInputStream()) {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException cut) {
        // reset: ended
      }
    }
  }

  static Busy makeBusy(URI base) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(send(client, post(base, "/v1.50/images/create?fromImage=busybox&tag=latest", "")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> created = send(client, post(base, "/v1.50/containers/create",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"OpenStdin\":true,\"AttachStdin\":true}"));
    Matcher id = ID.matcher(created.body());
    assertThat(id.find()).as(created.body()).isTrue();
    String container = id.group(1);
    assertThat(send(client, post(base, "/v1.50/containers/" + container + "/start", "")).statusCode())
        .isEqualTo(204);

    List<CompletableFuture<HttpResponse<InputStream>>> streams = List.of(
        stream(client, HttpRequest.newBuilder(base.resolve("/v1.50/events")).GET()),
        stream(client, HttpRequest.newBuilder(
            base.resolve("/v1.50/containers/" + container + "/logs?follow=1&stdout=1&stderr=1")).GET()),
        stream(client, post(base, "/v1.50/containers/" + container + "/wait", "")));
    Socket attach = new Socket(base.getHost(), base.getPort());
    OutputStream out = attach.getOutputStream();
    out.write(("POST /v1.50/containers/" + container + "/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
        + "Host: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader head = new BufferedReader(new InputStreamReader(attach.getInputStream(), StandardCharsets.US_ASCII));
    assertThat(head.readLine()).isEqualTo("HTTP/1.1 101 UPGRADED");
    // the events and logs heads arrive at once; the wait's head may wait for the exit
    streams.get(0).get(10, TimeUnit.SECONDS);
    streams.get(1).get(10, TimeUnit.SECONDS);
    return new Busy(streams, attach);
  }

  @Test
  void close_returns_at_once_and_cuts_every_open_stream() throws Exception {
    MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start();
    Busy busy = makeBusy(docker.uri());

    assertTimeoutPreemptively(Duration.ofSeconds(5), docker::close);

    assertTimeoutPreemptively(Duration.ofSeconds(10), busy::readUntilAllEnd);
  }

  @Test
  void close_returns_while_a_request_sleeps_on_a_stopped_virtual_clock() throws Exception {
    VirtualClock clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
    MockDocker docker = MockDocker.builder().clock(clock).start();
    docker.on("GET", "/version").delay(Duration.ofDays(1));
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> held = client.sendAsync(
        HttpRequest.newBuilder(docker.uri().resolve("/v1.2/version")).build(), HttpResponse.BodyHandlers.ofString());
    clock.awaitSleepers(1, Duration.ofSeconds(10));

    assertTimeoutPreemptively(Duration.ofSeconds(5), docker::close);

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        held.get();
      } catch (ExecutionException cut) {
        // the connection was cut: that is the answer a closed daemon gives
      }
    });
  }

  @Test
  void the_standalone_exits_on_sigterm_while_a_container_runs_and_clients_hold_streams() throws Exception {
    Process daemon = MainTest.launch("--profile", "modern", "--port", "0");
    try {
      Busy busy = makeBusy(listening(daemon));

      daemon.destroy(); // SIGTERM

      assertThat(daemon.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGTERM").isTrue();
      assertThat(daemon.exitValue()).isEqualTo(128 + 15);
      busy.attach().close();
    } finally {
      daemon.destroyForcibly();
    }
  }

  @Test
  void the_standalone_exits_on_sigint_as_after_ctrl_c() throws Exception {
    Process daemon = MainTest.launch("--profile", "modern", "--port", "0");
    try {
      Busy busy = makeBusy(listening(daemon));

      Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(daemon.pid())).start();
      assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();

      assertThat(daemon.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGINT").isTrue();
      assertThat(daemon.exitValue()).isEqualTo(128 + 2);
      busy.attach().close();
    } finally {
      daemon.destroyForcibly();
    }
  }

  private static URI listening(Process daemon) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) .*").matcher(String.valueOf(first));
    assertThat(m.matches()).as(first).isTrue();
    Thread drain = new Thread(() -> {
      try {
        out.transferTo(java.io.Writer.nullWriter());
      } catch (IOException ignored) {
        // the daemon is gone
      }
    });
    drain.setDaemon(true);
    drain.start();
    return URI.create(m.group(1));
  }

  private static HttpRequest.Builder post(URI base, String path, String json) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static CompletableFuture<HttpResponse<InputStream>> stream(HttpClient client, HttpRequest.Builder request) {
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
