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

  @Test
  void dns_members_extra_hosts_and_the_domain_name_are_written_as_the_daemon_wrote_them() throws IOException {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Hostname\":\"web\","
        + "\"Domainname\":\"example.com\",\"Cmd\":[\"sleep\",\"100\"],\"HostConfig\":{\"Dns\":[\"1.1.1.1\","
        + "\"9.9.9.9\"],\"DnsSearch\":[\"a.example\",\"b.example\"],\"DnsOptions\":[\"ndots:2\",\"timeout:1\"],"
        + "\"ExtraHosts\":[\"db:10.0.0.5\",\"gw:host-gateway\",\"v6:::1\"]}}");
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    String ip = tree(http.get("/v1.50/containers/" + id + "/json")).get("NetworkSettings").get("IPAddress").asText();
    assertThat(exec(id, "cat /etc/resolv.conf")).isEqualTo("nameserver 1.1.1.1\nnameserver 9.9.9.9\n"
        + "search a.example b.example\noptions ndots:2 timeout:1\n");
    assertThat(exec(id, "cat /etc/hosts")).startsWith("127.0.0.1\tlocalhost\n")
        .endsWith("ff02::2\tip6-allrouters\n10.0.0.5\tdb\n172.16.42.1\tgw\n::1\tv6\n" + ip
            + "\tweb.example.com web\n");
    assertThat(exec(id, "cat /etc/hostname")).isEqualTo("web\n");
  }

  @Test
  void a_malformed_extra_host_is_refused_at_create() {
    RawHttp.Response format = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"HostConfig\":{\"ExtraHosts\":[\"nocolon\"]}}");
    assertThat(format.status()).isEqualTo(400);
    assertThat(tree(format).get("message").asText()).isEqualTo("bad format for add-host: \"nocolon\"");
    RawHttp.Response ip = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"HostConfig\":{\"ExtraHosts\":[\"db:x\"]}}");
    assertThat(tree(ip).get("message").asText()).isEqualTo("invalid IP address in add-host: \"x\"");
    assertThat(tree(http.get("/v1.50/containers/json?all=1")).size()).isZero();
  }
}
