package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The classic builder's instructions over the wire: ARG and {@code buildargs}, substitution, SHELL, ONBUILD,
 * multi-stage builds with {@code target}, {@code .dockerignore}, and {@code changes} on commit.
 */
class ModernBuilderTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;
  String busybox;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
    http.post("/images/create?fromImage=busybox&tag=latest");
    busybox = Engines.of(docker).references().tagged("busybox", "latest").orElseThrow().id().substring(0, 12);
  }

  Response build(String query, Map<String, String> files) {
    return http.post("/v1.50/build?" + query, "application/x-tar", Fixed.tar(files));
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The {@code stream} texts of a build, in order; other lines as their JSON. */
  static List<String> streams(Response r) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\r\n")) {
      JsonNode n = MAPPER.readTree(line);
      out.add(n.has("stream") ? n.get("stream").asText() : n.toString());
    }
    return out;
  }

  JsonNode image(String name) throws Exception {
    Response r = http.get("/v1.50/images/" + name + "/json");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }

  List<String> createdBy(String name) throws Exception {
    List<String> out = new ArrayList<>();
    MAPPER.readTree(http.get("/v1.50/images/" + name + "/history").body())
        .forEach(h -> out.add(h.get("CreatedBy").asText()));
    return out;
  }

  String id(String name) {
    return Engines.of(docker).references().tagged(name, "latest").orElseThrow().id();
  }

  @Test
  void build_args_substitute_and_reach_run_as_env_but_not_the_image() throws Exception {
    String dockerfile = "ARG BASE=busybox\nFROM $BASE\nARG VERSION=1\nRUN echo building for $VERSION\n"
        + "ENV V=${VERSION:-none} W=${NOPE:+x}\n";
    Response r = build("t=args&buildargs=" + q("{\"VERSION\":\"2\",\"EXTRA\":\"x\"}"),
        Map.of("Dockerfile", dockerfile));
    List<String> s = streams(r);
    assertThat(s.get(0)).isEqualTo("Step 1/5 : ARG BASE=busybox\n");
    assertThat(s.get(1)).isEqualTo("Step 2/5 : FROM $BASE\n");
    assertThat(s.get(2)).isEqualTo(" ---> " + busybox + "\n");
    assertThat(s.get(3)).isEqualTo("Step 3/5 : ARG VERSION=1\n");
    assertThat(s).contains("Step 4/5 : RUN echo building for $VERSION\n", "building for 2\n",
        "Step 5/5 : ENV V=${VERSION:-none} W=${NOPE:+x}\n");
    String id = id("args");
    assertThat(s.subList(s.size() - 4, s.size())).containsExactly(
        "{\"aux\":{\"ID\":\"sha256:" + id + "\"}}",
        "[Warning] One or more build-args [EXTRA] were not consumed\n",
        "Successfully built " + id.substring(0, 12) + "\n", "Successfully tagged args:latest\n");
    JsonNode env = image("args").get("Config").get("Env");
    assertThat(env.toString()).contains("\"V=2\"", "\"W=\"").doesNotContain("VERSION");
    assertThat(createdBy("args")).containsSubsequence("/bin/sh -c #(nop)  ENV V=2 W=",
        "|1 VERSION=2 /bin/sh -c echo building for $VERSION", "/bin/sh -c #(nop)  ARG VERSION=1");
  }

  @Test
  void a_run_is_cached_per_build_arg_value() throws Exception {
    Map<String, String> files = Map.of("Dockerfile", "FROM busybox\nARG V\nRUN echo v=$V\n");
    build("t=c1&buildargs=" + q("{\"V\":\"1\"}"), files);
    List<String> again = streams(build("t=c2&buildargs=" + q("{\"V\":\"1\"}"), files));
    assertThat(again).contains(" ---> Using cache\n").doesNotContain("v=1\n");
    assertThat(id("c2")).isEqualTo(id("c1"));
    List<String> other = streams(build("t=c3&buildargs=" + q("{\"V\":\"2\"}"), files));
    assertThat(other).contains("v=2\n");
    assertThat(id("c3")).isNotEqualTo(id("c1"));
  }

  @Test
  void copy_takes_wildcards_and_several_sources_into_a_directory() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Dockerfile", "FROM --platform=linux/amd64 busybox\nWORKDIR /srv\nCOPY *.txt conf/app.ini ./in/\n"
        + "EXPOSE 8000-8001 53/udp\nRUN ls /srv/in\n");
    files.put("a.txt", "a\n");
    files.put("b.txt", "b\n");
    files.put("c.log", "c\n");
    files.put("conf/app.ini", "x=1\n");
    List<String> s = streams(build("t=wild", files));
    assertThat(s).contains("a.txt\napp.ini\nb.txt\n");
    assertThat(image("wild").get("Config").get("ExposedPorts").toString())
        .isEqualTo("{\"53/udp\":{},\"8000/tcp\":{},\"8001/tcp\":{}}");
    List<String> bad = streams(build("t=x", Map.of("Dockerfile", "FROM busybox\nCOPY a b /file\n", "a", "1", "b",
        "2")));
    assertThat(bad.get(bad.size() - 1)).contains("When using COPY with more than one source file, the destination "
        + "must be a directory and end with a /");
  }

  @Test
  void a_substitution_error_fails_the_step_in_the_stream_and_the_daemon_keeps_serving() throws Exception {
    List<String> s = streams(build("t=x", Map.of("Dockerfile", "FROM busybox\nENV A=${MISSING:?required}\n")));
    assertThat(s.get(s.size() - 1)).isEqualTo("{\"errorDetail\":{\"message\":\"failed to process "
        + "\\\"${MISSING:?required}\\\": MISSING: required\"},\"error\":\"failed to process "
        + "\\\"${MISSING:?required}\\\": MISSING: required\"}");
    Response pairs = build("t=x", Map.of("Dockerfile", "FROM busybox\nENV A=${X:-a b}\n"));
    assertThat(pairs.status()).isEqualTo(400);
    assertThat(pairs.text()).isEqualTo("{\"message\":\"dockerfile parse error on line 2: Syntax error - can't find "
        + "= in \\\"b}\\\". Must be of the form: name=value\"}\n");
    Response parse = build("t=x", Map.of("Dockerfile", "FROM busybox\nRUN echo a \\\n  # inside\n  b\n"
        + "COPY --bogus a b\n"));
    assertThat(parse.status()).isEqualTo(400);
    assertThat(parse.text()).isEqualTo("{\"message\":\"dockerfile parse error on line 5: unknown flag: bogus\"}\n");
    List<String> joined = streams(build("t=x", Map.of("Dockerfile", "FROM busybox\nRUN echo a \\\n  # inside\n"
        + "  b\n")));
    assertThat(joined).contains("Step 2/2 : RUN echo a b\n", "a b\n");
    assertThat(http.get("/v1.50/_ping").status()).isEqualTo(200);
  }

  @Test
  void an_arg_before_from_is_for_from_only_until_redeclared_and_proxies_need_no_arg() throws Exception {
    String dockerfile = "ARG X=meta\nFROM busybox\nRUN echo \"x=$X proxy=$HTTP_PROXY\"\nARG X\n"
        + "RUN echo \"x=$X\"\n";
    Response r = build("t=scope&buildargs=" + q("{\"HTTP_PROXY\":\"http://proxy:3128\"}"),
        Map.of("Dockerfile", dockerfile));
    List<String> s = streams(r);
    assertThat(s).contains("x= proxy=http://proxy:3128\n", "x=meta\n")
        .noneMatch(line -> line.contains("[Warning]"));
    // the proxy reached RUN but stays out of the history; a declared argument shows
    assertThat(createdBy("scope").get(0)).isEqualTo("|1 X=meta /bin/sh -c echo \"x=$X\"");
    assertThat(createdBy("scope").get(2)).isEqualTo("|0 /bin/sh -c echo \"x=$X proxy=$HTTP_PROXY\"");
  }

  @Test
  void shell_changes_the_shell_form_of_run_cmd_and_entrypoint_and_is_stored() throws Exception {
    Response r = build("t=shelled", Map.of("Dockerfile",
        "FROM busybox\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo from bash\nCMD echo hi\n"));
    assertThat(streams(r)).contains("Step 2/4 : SHELL [\"/bin/bash\", \"-c\"]\n", "from bash\n");
    JsonNode config = image("shelled").get("Config");
    assertThat(config.get("Shell").toString()).isEqualTo("[\"/bin/bash\",\"-c\"]");
    assertThat(config.get("Cmd").toString()).isEqualTo("[\"/bin/bash\",\"-c\",\"echo hi\"]");
    assertThat(createdBy("shelled")).startsWith("/bin/bash -c #(nop)  CMD [\"/bin/bash\" \"-c\" \"echo hi\"]",
        "/bin/bash -c echo from bash", "/bin/bash -c #(nop)  SHELL [/bin/bash -c]");
    // below 1.50 the config has the container shape: Shell after Labels, OnBuild null
    JsonNode legacy = MAPPER.readTree(http.get("/v1.44/images/shelled/json").body()).get("Config");
    assertThat(legacy.get("Shell").toString()).isEqualTo("[\"/bin/bash\",\"-c\"]");
    assertThat(legacy.get("OnBuild").isNull()).isTrue();
  }

  @Test
  void onbuild_triggers_are_stored_and_run_by_a_child_build() throws Exception {
    Response parent = build("t=parent", Map.of("Dockerfile",
        "FROM busybox\nONBUILD RUN echo triggered > /t\nONBUILD ENV CHILD=1\n"));
    assertThat(parent.status()).isEqualTo(200);
    assertThat(image("parent").get("Config").get("OnBuild").toString())
        .isEqualTo("[\"RUN echo triggered > /t\",\"ENV CHILD=1\"]");
    List<String> s = streams(build("t=child", Map.of("Dockerfile", "FROM parent\nRUN cat /t\n")));
    assertThat(s.get(0)).isEqualTo("Step 1/2 : FROM parent\n");
    assertThat(s.get(1)).isEqualTo("# Executing 2 build triggers\n");
    assertThat(s).contains("Step 2/2 : RUN cat /t\n", "triggered\n");
    JsonNode child = image("child").get("Config");
    assertThat(child.has("OnBuild")).isFalse();
    assertThat(child.get("Env").toString()).contains("CHILD=1");
  }

  @Test
  void a_multi_stage_build_copies_from_stages_and_tags_only_the_last() throws Exception {
    String dockerfile = "FROM busybox AS build\nRUN echo artifact > /out.txt\nFROM busybox AS unused\n"
        + "RUN echo never > /never\nFROM busybox\nCOPY --from=build /out.txt /app/out.txt\n"
        + "COPY --from=0 /out.txt /app/zero.txt\nRUN cat /app/out.txt /app/zero.txt\n";
    Response r = build("t=multi", Map.of("Dockerfile", dockerfile));
    List<String> s = streams(r);
    assertThat(s).contains("Step 6/8 : COPY --from=build /out.txt /app/out.txt\n", "artifact\nartifact\n");
    assertThat(s.stream().filter(line -> line.startsWith("{\"aux\""))).hasSize(3); // one ID per stage
    assertThat(s.get(s.size() - 1)).isEqualTo("Successfully tagged multi:latest\n");
    assertThat(Engines.of(docker).namesById().get(id("multi"))).containsExactly("multi:latest");

    Response target = build("t=stage&target=build", Map.of("Dockerfile", dockerfile));
    List<String> t = streams(target);
    assertThat(t.get(0)).isEqualTo("Step 1/2 : FROM busybox AS build\n");
    assertThat(t).noneMatch(line -> line.contains("never")).contains("Successfully tagged stage:latest\n");
    assertThat(createdBy("stage").get(0)).isEqualTo("/bin/sh -c echo artifact > /out.txt");

    Response missing = build("t=x&target=nope", Map.of("Dockerfile", dockerfile));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text()).isEqualTo("{\"message\":\"target stage \\\"nope\\\" could not be found\"}\n");
    Response self = build("t=x", Map.of("Dockerfile", "FROM busybox\nCOPY --from=0 /etc /etc\n"));
    assertThat(streams(self).get(streams(self).size() - 1)).contains(
        "invalid from flag value 0: refers to current build stage");
  }

  @Test
  void a_final_stage_from_scratch_has_only_what_it_copied() throws Exception {
    List<String> s = streams(build("t=tiny", Map.of("Dockerfile", "FROM busybox AS b\nRUN echo hi > /x\n"
        + "FROM scratch\nCOPY --from=b /x /x\nCMD [\"/x\"]\n")));
    assertThat(s).contains("Step 3/5 : FROM scratch\n");
    assertThat(s.get(s.indexOf("Step 3/5 : FROM scratch\n") + 1)).isEqualTo(" ---> \n");
    assertThat(createdBy("tiny")).containsExactly("/bin/sh -c #(nop)  CMD [\"/x\"]", "/bin/sh -c #(nop) COPY /x in /x");
    String box = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"tiny\"}");
    assertThat(http.send("HEAD", "/v1.50/containers/" + box + "/archive?path=/x", null, new byte[0]).status())
        .isEqualTo(200);
    assertThat(http.send("HEAD", "/v1.50/containers/" + box + "/archive?path=/bin", null, new byte[0]).status())
        .isEqualTo(404); // nothing of busybox came along
  }

  @Test
  void dockerignore_keeps_excluded_files_from_copy() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Dockerfile", "FROM busybox\nCOPY . /ctx/\nRUN ls /ctx /ctx/app /ctx/logs\n");
    files.put(".dockerignore", "# build junk\n**/*.log\n!logs/keep.log\nsecret\n");
    files.put("app/main.txt", "main\n");
    files.put("app/debug.log", "x\n");
    files.put("logs/keep.log", "kept\n");
    files.put("logs/drop.log", "x\n");
    files.put("secret/key", "x\n");
    List<String> s = streams(build("t=ignored", files));
    String listing = s.stream().filter(line -> line.contains("main.txt")).findFirst().orElseThrow();
    assertThat(listing).contains("keep.log", "Dockerfile").doesNotContain("debug.log")
        .doesNotContain("drop.log").doesNotContain("secret");
    files.put("Dockerfile", "FROM busybox\nCOPY app/debug.log /x\n");
    List<String> excluded = streams(build("t=x", files));
    assertThat(excluded.get(excluded.size() - 1)).contains("COPY failed: file not found in build context or excluded "
        + "by .dockerignore: stat app/debug.log: file does not exist");
    files.put("Dockerfile", "FROM busybox\nCOPY *.nothing /x/\n");
    List<String> none = streams(build("t=x", files));
    assertThat(none.get(none.size() - 1)).contains("COPY failed: no source files were specified");
  }

  @Test
  void a_nul_byte_in_a_path_fails_its_step_as_the_kernel_refused_it_and_the_daemon_goes_on() throws Exception {
    String[][] cases = {
        {"COPY a u\0", "failed to copy files: lstat /u\0: invalid argument"},
        {"ADD a /d\0/x", "failed to copy files: lstat /d\0/x: invalid argument"},
        {"COPY a\0 /x", "COPY failed: file not found in build context or excluded by .dockerignore: stat a\0:"
            + " invalid argument"},
    };
    for (String[] c : cases) {
      Map<String, String> files = new LinkedHashMap<>();
      files.put("Dockerfile", "FROM busybox\n" + c[0] + "\nCMD [\"true\"]\n");
      files.put("a", "hello\n");
      List<String> s = streams(build("t=nul", files));
      assertThat(s.get(s.size() - 1)).as(c[0]).contains(MAPPER.writeValueAsString(c[1]).replace("\"", ""));
    }
    String[][] steps = {
        {"WORKDIR /w\0", "mkdir /w\0: invalid argument"},
        {"RUN touch /t\0", "failed to create task for container: failed to create shim task: OCI runtime create"
            + " failed: runc create failed: unable to start container process: error during container init: exec"
            + " /bin/sh: invalid argument: unknown"},
    };
    for (String[] c : steps) {
      List<String> s = streams(build("t=nul", Map.of("Dockerfile", "FROM busybox\n" + c[0] + "\n")));
      assertThat(s.get(s.size() - 1)).as(c[0]).contains(MAPPER.writeValueAsString(c[1]).replace("\"", ""));
    }
    Response volume = build("t=nul", Map.of("Dockerfile", "FROM busybox\nVOLUME /v\0\n"));
    assertThat(streams(volume)).last().asString().contains("Successfully tagged nul:latest");
    assertThat(http.get("/_ping").status()).isEqualTo(200);
  }

  @Test
  void commit_applies_changes_and_refuses_the_others() throws Exception {
    String c = Json.create(http, "/v1.50/containers/create?name=src", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response ok = http.post("/v1.50/commit?container=src&repo=changed&changes=" + q("ENV A=b")
        + "&changes=" + q("CMD [\"sh\"]") + "&changes=" + q("EXPOSE 8080") + "&changes=" + q("WORKDIR /srv"),
        "application/json", "");
    assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    JsonNode config = image("changed").get("Config");
    assertThat(config.get("Env").toString()).contains("\"A=b\"");
    assertThat(config.get("Cmd").toString()).isEqualTo("[\"sh\"]");
    assertThat(config.get("ExposedPorts").toString()).isEqualTo("{\"8080/tcp\":{}}");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/srv");

    Response bad = http.post("/v1.50/commit?container=" + c + "&changes=" + q("RUN echo hi"), "application/json", "");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"RUN is not a valid change command\"}\n");
    assertThat(http.get("/v1.50/_ping").status()).isEqualTo(200);
  }
}
