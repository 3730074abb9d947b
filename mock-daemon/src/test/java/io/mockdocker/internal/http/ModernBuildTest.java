package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/** Modern POST /build with the classic builder: stream lines, aux ID, tags, rm, errors. */
class ModernBuildTest {
  static final String HEX12 = "[0-9a-f]{12}";
  static final String DOCKERFILE = "FROM busybox\nRUN echo hello > /x && echo hi\nCMD [\"cat\", \"/x\"]\n";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  static List<String> lines(Response r) {
    return List.of(new String(r.body(), StandardCharsets.UTF_8).split("(?<=\r\n)"));
  }

  Response build(String query, byte[] tar) {
    return http.post("/v1.50/build?" + query, "application/x-tar", tar);
  }

  static byte[] context(String dockerfile) {
    return Fixed.tar(Map.of("Dockerfile", dockerfile));
  }

  @Test
  void a_build_streams_steps_process_output_removals_the_aux_id_and_the_success_lines() {
    http.post("/images/create?fromImage=busybox&tag=latest");
    Response r = build("dockerfile=Dockerfile&t=built%3A1&version=1", context(DOCKERFILE));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    List<String> lines = lines(r);
    String id = Engines.of(docker).references().tagged("built", "1").orElseThrow().id();
    String s = id.substring(0, 12);
    assertThat(lines).hasSize(14);
    assertThat(lines.get(0)).isEqualTo("{\"stream\":\"Step 1/3 : FROM busybox\\n\"}\r\n");
    assertThat(lines.get(1)).isEqualTo("{\"stream\":\" ---\\u003e e9aa60c60128\\n\"}\r\n");
    assertThat(lines.get(2)).isEqualTo(
        "{\"stream\":\"Step 2/3 : RUN echo hello \\u003e /x \\u0026\\u0026 echo hi\\n\"}\r\n");
    assertThat(lines.get(3)).matches("\\{\"stream\":\" ---\\\\u003e Running in " + HEX12 + "\\\\n\"}\r\n");
    String run = lines.get(3).substring(lines.get(3).indexOf("in ") + 3, lines.get(3).indexOf("in ") + 15);
    assertThat(lines.get(4)).isEqualTo("{\"stream\":\"hi\\n\"}\r\n");
    assertThat(lines.get(5)).isEqualTo("{\"stream\":\" ---\\u003e Removed intermediate container " + run
        + "\\n\"}\r\n");
    assertThat(lines.get(6)).matches("\\{\"stream\":\" ---\\\\u003e " + HEX12 + "\\\\n\"}\r\n");
    assertThat(lines.get(7)).isEqualTo("{\"stream\":\"Step 3/3 : CMD [\\\"cat\\\", \\\"/x\\\"]\\n\"}\r\n");
    assertThat(lines.get(8)).matches("\\{\"stream\":\" ---\\\\u003e Running in " + HEX12 + "\\\\n\"}\r\n");
    assertThat(lines.get(9)).startsWith("{\"stream\":\" ---\\u003e Removed intermediate container ");
    assertThat(lines.get(10)).isEqualTo("{\"stream\":\" ---\\u003e " + s + "\\n\"}\r\n");
    assertThat(lines.get(11)).isEqualTo("{\"aux\":{\"ID\":\"sha256:" + id + "\"}}\r\n");
    assertThat(lines.get(12)).isEqualTo("{\"stream\":\"Successfully built " + s + "\\n\"}\r\n");
    assertThat(lines.get(13)).isEqualTo("{\"stream\":\"Successfully tagged built:1\\n\"}\r\n");
    assertThat(Engines.of(docker).containers().all()).isEmpty();
    assertThat(Engines.of(docker).references().tagged("built", "1").orElseThrow().config().cmd()).containsExactly("cat", "/x");
  }

  @Test
  void below_api_1_30_there_is_no_aux_line_and_rm_0_keeps_the_containers() {
    http.post("/images/create?fromImage=busybox&tag=latest");
    Response r = http.post("/v1.29/build?rm=0&t=a&t=b%3A2", "application/tar", context(DOCKERFILE));
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("aux").doesNotContain("Removed intermediate container")
        .endsWith("{\"stream\":\"Successfully tagged a:latest\\n\"}\r\n{\"stream\":\"Successfully tagged b:2\\n\"}\r\n");
    assertThat(Engines.of(docker).containers().all()).hasSize(2);
    assertThat(Engines.of(docker).references().tagged("b", "2")).isPresent();
  }

  @Test
  void a_from_that_pulls_writes_modern_pull_lines_inside_the_build_stream() {
    Response r = build("t=x", context("FROM busybox\n"));
    List<String> lines = lines(r);
    assertThat(lines.get(1)).isEqualTo("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}\r\n");
    assertThat(lines).contains("{\"status\":\"Status: Downloaded newer image for busybox:latest\"}\r\n");
  }

  @Test
  void a_failed_run_is_an_error_detail_with_its_exit_code() {
    http.post("/images/create?fromImage=busybox&tag=latest");
    Response r = build("t=x", context("FROM busybox\nRUN false\n"));
    List<String> lines = lines(r);
    assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"errorDetail\":{\"code\":1,\"message\":\"The command "
        + "'/bin/sh -c false' returned a non-zero code: 1\"},\"error\":\"The command '/bin/sh -c false' returned a "
        + "non-zero code: 1\"}\r\n");
    assertThat(Engines.of(docker).references().tagged("x", "latest")).isEmpty();
  }

  @Test
  void an_unknown_from_image_is_an_in_stream_pull_error() {
    Response r = build("t=x", context("FROM nosuch\n"));
    List<String> lines = lines(r);
    assertThat(lines).containsExactly("{\"stream\":\"Step 1/1 : FROM nosuch\\n\"}\r\n",
        "{\"errorDetail\":{\"message\":\"pull access denied for nosuch, repository does not exist or may require "
            + "'docker login'\"},\"error\":\"pull access denied for nosuch, repository does not exist or may require "
            + "'docker login'\"}\r\n");
  }

  @Test
  void a_gzipped_context_with_a_named_dockerfile_and_the_classic_instructions() throws IOException {
    http.post("/images/create?fromImage=busybox&tag=latest");
    String dockerfile = "FROM busybox\nARG V=1\nLABEL a=b\nWORKDIR /srv\nUSER nobody\nENV K v\n"
        + "COPY hello.txt /srv/hello.txt\nVOLUME [\"/data\"]\nENTRYPOINT [\"sh\"]\nRUN cat /srv/hello.txt\n";
    byte[] tar = Fixed.tar(Map.of("build/App.dockerfile", dockerfile, "hello.txt", "hello from the context\n"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    Response r = build("dockerfile=build%2FApp.dockerfile&t=classic", gz.toByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("{\"stream\":\"Step 7/10 : COPY hello.txt /srv/hello.txt\\n\"}\r\n")
        .contains("{\"stream\":\"hello from the context\\n\"}\r\n")
        .endsWith("{\"stream\":\"Successfully tagged classic:latest\\n\"}\r\n");
    Image image = Engines.of(docker).references().tagged("classic", "latest").orElseThrow();
    assertThat(image.config().user()).isEqualTo("nobody");
    assertThat(image.config().env()).contains("K=v");
  }

  @Test
  void errors_before_the_stream_are_json_with_a_status() {
    Response missing = build("dockerfile=Nope", context("FROM busybox\n"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text()).isEqualTo("{\"message\":\"Cannot locate specified Dockerfile: Nope\"}\n");
    Response badTag = build("t=Bad%3A1", context("FROM busybox\n"));
    assertThat(badTag.status()).isEqualTo(400);
    Response unknown = build("", context("FROM busybox\nFOO bar\n"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).isEqualTo(
        "{\"message\":\"dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)\"}\n");
    Response typo = build("", context("# a comment\n\nFORM busybox\n"));
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.text()).isEqualTo(
        "{\"message\":\"dockerfile parse error on line 3: unknown instruction: FORM (did you mean FROM?)\"}\n");
  }

  @Test
  void workdir_entrypoint_label_and_user_go_into_the_image_config_and_its_containers() throws Exception {
    http.post("/images/create?fromImage=busybox&tag=latest");
    String dockerfile = "FROM busybox\nWORKDIR /app\nWORKDIR sub\nRUN pwd\nENTRYPOINT [\"echo\", \"from-entrypoint\"]\n"
        + "CMD [\"x\"]\nLABEL team=a \"two words\"=\"v 2\"\nENV MODE=test\nUSER nobody\n";
    Response r = build("t=meta%3A1", context(dockerfile));
    assertThat(r.status()).isEqualTo(200);
    assertThat(lines(r)).contains("{\"stream\":\"/app/sub\\n\"}\r\n");

    com.fasterxml.jackson.databind.JsonNode config = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(http.get("/v1.50/images/meta:1/json").body()).get("Config");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/app/sub");
    assertThat(config.get("Entrypoint").toString()).isEqualTo("[\"echo\",\"from-entrypoint\"]");
    assertThat(config.get("Cmd").toString()).isEqualTo("[\"x\"]");
    assertThat(config.get("Labels").toString()).isEqualTo("{\"team\":\"a\",\"two words\":\"v 2\"}");
    assertThat(config.get("User").asText()).isEqualTo("nobody");
    assertThat(config.get("Env").toString()).contains("MODE=test");
    assertThat(http.get("/v1.50/images/json").text()).contains("\"Labels\":{\"team\":\"a\",\"two words\":\"v 2\"}");

    String id = Engines.of(docker).containers().create(io.mockdocker.registry.Config.builder().image("meta:1").build()).id();
    Engines.of(docker).containers().start(id);
    assertThat(Engines.of(docker).containers().await(id)).isZero();
    String logs = new String(http.get("/v1.50/containers/" + id + "/logs?stdout=1").body(), StandardCharsets.UTF_8);
    assertThat(logs).endsWith("from-entrypoint x\n");
  }

  @Test
  void an_entrypoint_drops_an_inherited_cmd_but_keeps_its_own() throws Exception {
    http.post("/images/create?fromImage=busybox&tag=latest");
    build("t=base-cmd", context("FROM busybox\nCMD [\"inherited\"]\n"));
    build("t=ep", context("FROM base-cmd\nENTRYPOINT [\"echo\"]\n"));
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode ep = mapper.readTree(http.get("/v1.50/images/ep/json").body())
        .get("Config");
    assertThat(ep.get("Entrypoint").toString()).isEqualTo("[\"echo\"]");
    assertThat(ep.has("Cmd")).isFalse();
    build("t=cmd-then-env", context("FROM busybox\nCMD [\"kept\"]\nENV A=b\nLABEL x=y\n"));
    assertThat(mapper.readTree(http.get("/v1.50/images/cmd-then-env/json").body()).get("Config").get("Cmd")
        .toString()).isEqualTo("[\"kept\"]");
  }

  @Test
  void the_labels_query_labels_the_image_in_last_steps_one_label_each() throws Exception {
    http.post("/images/create?fromImage=busybox&tag=latest");
    Response r = build("t=labelled&labels=%7B%22team%22%3A%22b%22%2C%22q%22%3A%22say+%5C%22hi%5C%22%22%7D",
        context("FROM busybox\nLABEL team=a\n"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("{\"stream\":\"Step 3/4 : LABEL q=say \\\"hi\\\"\\n\"}")
        .contains("{\"stream\":\"Step 4/4 : LABEL team=b\\n\"}");
    com.fasterxml.jackson.databind.JsonNode labels = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(http.get("/v1.50/images/labelled/json").body()).get("Config").get("Labels");
    assertThat(labels.toString()).isEqualTo("{\"q\":\"say \\\"hi\\\"\",\"team\":\"b\"}");
  }
}
