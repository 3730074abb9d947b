package io.mockdocker.internal.http;

import static io.mockdocker.internal.http.ModernSwarmTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /containers/{id}/attach/ws}: attach over a WebSocket, with the JDK's WebSocket client. */
class ModernAttachWebSocketTest {
  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()));
  RawHttp http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    daemon.docker().preload("busybox:latest");
    http = daemon.http();
  }

  /** What the client saw: each frame as {@code B:} or {@code T:} and its text, and the close status. */
  static final class Seen implements WebSocket.Listener {
    final List<String> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      partial.writeBytes(bytes);
      if (last) {
        frames.add("B:" + partial.toString(StandardCharsets.UTF_8));
        partial.reset();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partialText.append(data);
      if (last) {
        frames.add("T:" + partialText);
        partialText.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  WebSocket connect(String path, Seen seen) throws Exception {
    URI uri = URI.create("ws://" + daemon.uri().getHost() + ":" + daemon.uri().getPort() + path);
    return client.newWebSocketBuilder().buildAsync(uri, seen).get(10, TimeUnit.SECONDS);
  }

  @Test
  void stdin_frames_reach_cat_and_its_output_comes_back_as_binary_frames_then_a_normal_close() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],"
        + "\"AttachStdin\":true,\"OpenStdin\":true,\"StdinOnce\":true}");
    Seen seen = new Seen();
    WebSocket ws = connect("/v1.50/containers/" + id + "/attach/ws?stdin=1&stdout=1&stderr=1&stream=1", seen);
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    ws.sendText("hello\n", true).get(10, TimeUnit.SECONDS);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !seen.frames.isEmpty());
    ws.sendBinary(ByteBuffer.wrap("bytes\n".getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.frames.size() == 2);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    assertThat(seen.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(seen.frames).containsExactly("B:hello\n", "B:bytes\n");
    assertThat(http.post("/v1.50/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}\n");
  }

  @Test
  void output_is_never_multiplexed_and_is_text_frames_before_1_28() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\","
        + "\"echo out; echo err >&2\"]}");
    Seen seen = new Seen();
    connect("/v1.27/containers/" + id + "/attach/ws?stdout=1&stderr=1&stream=1", seen);
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    assertThat(seen.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(seen.frames).containsExactly("T:out\n", "T:err\n");
  }

  @Test
  void logs_replay_what_a_finished_container_wrote() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"done\"]}");
    http.post("/v1.50/containers/" + id + "/start");
    assertThat(http.post("/v1.50/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}\n");
    Seen seen = new Seen();
    connect("/containers/" + id + "/attach/ws?logs=1&stdout=1", seen);
    assertThat(seen.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(seen.frames).containsExactly("B:done\n");
  }

  @Test
  void an_unknown_container_is_404_and_a_plain_get_is_400_before_any_upgrade() {
    refused(http.get("/v1.50/containers/nosuch/attach/ws?stdout=1"), 404, "No such container: nosuch");
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    RawHttp.Response plain = http.get("/v1.50/containers/" + id + "/attach/ws?stdout=1");
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.body()).isEmpty();
    assertThat(http.get("/_ping").status()).isEqualTo(200);
  }
}
