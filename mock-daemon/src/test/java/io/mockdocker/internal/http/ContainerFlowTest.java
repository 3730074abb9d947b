package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.MockDocker;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole container flow from a plain HTTP client, over the built-in shell and the default fixtures. */
class ContainerFlowTest {
  static final ObjectMapper JSON = new ObjectMapper();

  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.start();
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  String create(String json) {
    return Json.create(http, "/v1.2/containers/create", json);
  }


  @Test
  void pull_run_echo_touch_commit_export_rm_rmi() throws Exception {
    assertThat(http.post("/v1.2/images/create?fromImage=busybox").text()).doesNotContain("error");

    String echo = create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hello\"]}");
    assertThat(http.post("/v1.2/containers/" + echo + "/start").status()).isEqualTo(204);
    assertThat(http.post("/v1.2/containers/" + echo + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
    assertThat(http.post("/v1.2/containers/" + echo + "/attach?logs=1&stdout=1").text()).isEqualTo("hello\n");

    String touch = create("{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"touch /x\"]}");
    http.post("/v1.2/containers/" + touch + "/start");
    assertThat(http.post("/v1.2/containers/" + touch + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
    assertThat(http.get("/v1.2/containers/" + touch + "/changes").text()).isEqualTo("[{\"Path\":\"/x\",\"Kind\":1}]");

    Response commit = http.post("/v1.2/commit?container=" + touch + "&repo=touched&tag=v1");
    assertThat(commit.status()).isEqualTo(201);
    String imageId = JSON.readTree(commit.body()).get("Id").asText();
    List<String> tags = new ArrayList<>();
    for (JsonNode row : JSON.readTree(http.get("/v1.2/images/json").body())) {
      if (row.get("Id").asText().startsWith(imageId)) {
        tags.add(row.get("Repository").asText() + ":" + row.get("Tag").asText());
      }
    }
    assertThat(tags).containsExactly("touched:v1");

    Response export = http.get("/v1.2/containers/" + touch + "/export");
    assertThat(export.status()).isEqualTo(200);
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(export.body()))) {
      for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("./x", "./bin/busybox");

    assertThat(http.delete("/v1.2/containers/" + echo).status()).isEqualTo(204);
    assertThat(http.delete("/v1.2/containers/" + touch).status()).isEqualTo(204);
    Response rmi = http.delete("/v1.2/images/touched:v1");
    assertThat(rmi.status()).isEqualTo(200);
    assertThat(rmi.text()).isEqualTo("[{\"Untagged\":\"" + imageId + "\"},{\"Deleted\":\"" + imageId + "\"}]");
  }

  @Test
  void the_shell_writes_files_and_reads_the_environment() throws Exception {
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"/bin/sh\",\"-c\","
        + "\"echo $GREETING > /greeting; cat /greeting; hostname; nosuch\"],\"Env\":[\"GREETING=hi there\"],"
        + "\"Hostname\":\"box\"}");
    http.post("/containers/" + id + "/start");
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":127}");
    assertThat(http.post("/containers/" + id + "/attach?logs=1&stdout=1&stderr=1").text())
        .isEqualTo("hi there\nbox\n/bin/sh: nosuch: not found\n");
    assertThat(http.get("/containers/" + id + "/changes").text()).isEqualTo("[{\"Path\":\"/greeting\",\"Kind\":1}]");
  }

  @Test
  void changes_report_modified_parents_and_deletions_in_walk_order() throws Exception {
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"rm /etc/hostname; echo x > /etc/new; mkdir /a-b\"]}");
    http.post("/containers/" + id + "/start");
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
    assertThat(http.get("/containers/" + id + "/changes").text()).isEqualTo("["
        + "{\"Path\":\"/a-b\",\"Kind\":1},"
        + "{\"Path\":\"/etc\",\"Kind\":0},"
        + "{\"Path\":\"/etc/hostname\",\"Kind\":2},"
        + "{\"Path\":\"/etc/new\",\"Kind\":1}]");
  }

  @Test
  void a_shell_sleep_is_stopped_by_term_with_143() throws Exception {
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"]}");
    http.post("/containers/" + id + "/start");
    JsonNode list = JSON.readTree(http.get("/containers/json").body());
    assertThat(list.get(0).get("Command").asText()).isEqualTo("sleep 1000");
    assertThat(http.post("/containers/" + id + "/stop?t=30").status()).isEqualTo(204);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":143}");
  }

  @Test
  void an_unknown_command_exits_127_as_dockerinit_did() throws Exception {
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"frobnicate\"]}");
    http.post("/containers/" + id + "/start");
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":127}");
    assertThat(http.post("/containers/" + id + "/attach?logs=1&stderr=1").text())
        .matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d Unable to locate frobnicate\n");
  }

  @Test
  void a_build_runs_the_shell_and_commits_its_effects() throws Exception {
    http.post("/v1.2/images/create?fromImage=busybox");
    String boundary = "b0undary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"Dockerfile\"; filename=\"Dockerfile\"\r\n\r\n"
        + "FROM busybox\nRUN echo built > /built\nRUN test -f /nothing\n\r\n--" + boundary + "--\r\n";
    Response r = http.post("/build?t=b", "multipart/form-data; boundary=" + boundary, body);
    assertThat(r.text().replaceAll("[0-9a-f]{12}", "<id>")).isEqualTo("Step 1 : FROM busybox\n ---> <id>\n"
        + "Step 2 : RUN echo built > /built\n ---> Running in <id>\n ---> <id>\n"
        + "Step 3 : RUN test -f /nothing\n ---> Running in <id>\n"
        + "Error build: The command [/bin/sh -c test -f /nothing] returned a non-zero code: 1\n");
  }
}
