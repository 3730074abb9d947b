package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Frames;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A modern container's {@code /etc/hostname}, {@code /etc/hosts} and {@code /etc/resolv.conf} are the daemon's files
 * from the container's directory, mounted over the image's, as docker 28.2.2 did.
 */
class ModernEtcFilesTest {
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).start();
    http = new RawHttp(docker.uri());
    assertThat(http.post("/v1.50/images/create?fromImage=busybox&tag=latest").status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  String exec(String id, String script) throws IOException {
    String exec = Json.create(http, "/v1.50/containers/" + id + "/exec",
        "{\"Cmd\":[\"sh\",\"-c\",\"" + script + "\"],\"AttachStdout\":true,\"AttachStderr\":true}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + exec + "/start",
        "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n", "{\"Detach\":false}")) {
      return Frames.payloads(h.rest());
    }
  }

  @Test
  void the_hostname_is_the_short_id_and_hosts_names_the_container_address() throws IOException {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    String ip = tree(http.get("/v1.50/containers/" + id + "/json")).get("NetworkSettings").get("IPAddress").asText();
    assertThat(ip).isNotEmpty();
    String shortId = id.substring(0, 12);
    assertThat(exec(id, "cat /etc/hostname")).isEqualTo(shortId + "\n");
    assertThat(exec(id, "cat /etc/hosts")).startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        .endsWith(ip + "\t" + shortId + "\n");
    assertThat(exec(id, "cat /etc/resolv.conf")).isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
  }

  @Test
  void a_hostname_given_at_create_is_written_and_copied_out_by_the_archive() throws IOException {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Hostname\":\"web1\","
        + "\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    assertThat(exec(id, "cat /etc/hostname; hostname")).isEqualTo("web1\nweb1\n");
    RawHttp.Response archive = http.get("/v1.50/containers/" + id + "/archive?path=/etc/hostname");
    assertThat(archive.status()).isEqualTo(200);
    assertThat(new String(archive.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("web1\n");
  }
}
