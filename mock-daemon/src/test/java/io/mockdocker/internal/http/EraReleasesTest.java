package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.EraRelease;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each era release changes, over raw sockets: every row of {@link EraFeatures} is pinned on both sides of the
 * release that changed it (the last release before the change, and the first after it).
 */
class EraReleasesTest {
  static final String IMG = Fixed.id('a');
  static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n";

  private final List<MockDocker> daemons = new ArrayList<>();

  @AfterEach
  void close() {
    daemons.forEach(MockDocker::close);
  }

  /** A daemon playing {@code release}, with {@code img} local (tagged {@code img:latest}). */
  RawHttp daemon(EraRelease release, MockDocker.Builder builder) {
    MockDocker docker = builder.fixtures(Fixtures.none()).release(release).start();
    daemons.add(docker);
    docker.registry().image(RemoteImage.builder(IMG).file("/etc/hostname", "img\n").build()).tag("img", "latest", IMG);
    docker.preload("img");
    return new RawHttp(docker.uri());
  }

  RawHttp daemon(EraRelease release) {
    return daemon(release, MockDocker.builder());
  }

  static String create(RawHttp http) {
    return Json.create(http, "/containers/create", "{\"Image\":\"img\",\"Cmd\":[\"date\"]}");
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  // ---- the API versions served

  @Test
  void release_0_3_3_serves_1_0_only_and_its_cli_paths() {
    RawHttp http = daemon(EraRelease.V0_3_3);
    assertThat(http.get("/v1.000000/version").status()).isEqualTo(200);
    Response newer = http.get("/v1.1/version");
    assertThat(newer.status()).isEqualTo(404);
    assertThat(newer.body()).isEmpty();
    // no prefix (or one ParseFloat rejects) is the release's newest version: 1.0 deletes a single layer with 204
    assertThat(http.delete("/images/img").status()).isEqualTo(204);
    assertThat(http.get("/v1.2.3/auth").status()).isEqualTo(200);
    assertThat(http.get("/_ping").header("Api-Version")).isEqualTo("1.0");
  }

  @Test
  void release_0_4_0_serves_up_to_1_1_and_0_4_1_up_to_1_2() {
    RawHttp old = daemon(EraRelease.V0_4_0);
    assertThat(old.get("/v1.1/version").status()).isEqualTo(200);
    assertThat(old.get("/v1.2/version").status()).isEqualTo(404);
    assertThat(old.get("/auth").status()).as("no prefix is 1.1, which serves GET /auth").isEqualTo(200);
    assertThat(old.get("/_ping").header("Api-Version")).isEqualTo("1.1");
    RawHttp next = daemon(EraRelease.V0_4_1);
    assertThat(next.get("/v1.2/version").status()).isEqualTo(200);
    assertThat(next.get("/v1.3/version").status()).isEqualTo(404);
    assertThat(next.get("/auth").status()).as("no prefix is 1.2, which refuses GET /auth").isEqualTo(404);
    assertThat(next.get("/_ping").header("Api-Version")).isEqualTo("1.2");
  }

  @Test
  void with_both_views_a_release_bounds_the_era_and_leaves_the_modern_view_alone() {
    RawHttp http = daemon(EraRelease.V0_3_3, MockDocker.builder().profile(io.mockdocker.ApiProfile.all()));
    assertThat(http.get("/v1.2/version").status()).isEqualTo(404);
    assertThat(Json.tree(http.get("/v1.0/version")).get("Version").asText()).isEqualTo("0.3.3");
    Response modern = http.get("/v1.50/version");
    assertThat(modern.status()).isEqualTo(200);
    assertThat(Json.tree(modern).get("ApiVersion").asText()).isEqualTo("1.50");
  }

  // ---- /version and /info

  @Test
  void version_names_each_release_its_commit_and_go() {
    assertThat(daemon(EraRelease.V0_3_3).get("/version").text())
        .isEqualTo("{\"Version\":\"0.3.3\",\"GitCommit\":\"8220560\",\"MemoryLimit\":true,\"SwapLimit\":false}");
    assertThat(daemon(EraRelease.V0_4_0).get("/version").text())
        .isEqualTo("{\"Version\":\"0.4.0\",\"GitCommit\":\"a8ae398\",\"GoVersion\":\"go1.0.3\"}");
    assertThat(daemon(EraRelease.V0_4_1).get("/version").text())
        .isEqualTo("{\"Version\":\"0.4.1\",\"GitCommit\":\"7b6f507\",\"GoVersion\":\"go1.1.1\"}");
    assertThat(daemon(EraRelease.V0_4_2).get("/version").text())
        .isEqualTo("{\"Version\":\"0.4.2\",\"GitCommit\":\"2e7649b\",\"GoVersion\":\"go1.1.1\"}");
    assertThat(daemon(EraRelease.V0_4_3).get("/version").text())
        .isEqualTo("{\"Version\":\"0.4.3\",\"GitCommit\":\"da5bb4d\",\"GoVersion\":\"go1.1.1\"}");
    assertThat(daemon(EraRelease.V0_4_4).get("/version").text())
        .isEqualTo("{\"Version\":\"0.4.4\",\"GitCommit\":\"02f0c1e\",\"GoVersion\":\"go1.1.1\"}");
  }

  @Test
  void info_has_version_and_go_in_0_3_3_and_the_limits_from_0_4_0() {
    JsonNode old = Json.tree(daemon(EraRelease.V0_3_3).get("/info"));
    assertThat(keys(old)).startsWith("Containers", "Version", "Images", "Debug", "GoVersion")
        .doesNotContain("MemoryLimit", "SwapLimit");
    assertThat(old.get("Version").asText()).isEqualTo("0.3.3");
    assertThat(old.get("GoVersion").asText()).isEqualTo("go1.0.3");
    JsonNode next = Json.tree(daemon(EraRelease.V0_4_0).get("/info"));
    assertThat(keys(next)).startsWith("Debug", "Containers", "Images").contains("NFd", "MemoryLimit")
        .doesNotContain("Version", "GoVersion");
  }

  // ---- routes

  @Test
  void release_0_3_3_has_no_containers_json_build_or_resize_and_0_4_0_has_them() {
    RawHttp old = daemon(EraRelease.V0_3_3);
    Response list = old.get("/containers/json");
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.text()).isEqualTo("404 page not found\n");
    assertThat(old.get("/containers/ps").text()).isEqualTo("[]");
    assertThat(old.post("/build").text()).isEqualTo("404 page not found\n");
    assertThat(old.post("/containers/x/resize?h=1&w=1").text()).isEqualTo("404 page not found\n");
    RawHttp next = daemon(EraRelease.V0_4_0);
    assertThat(next.get("/containers/json").text()).isEqualTo("[]");
    assertThat(next.post("/containers/x/resize?h=1&w=1").text()).isEqualTo("No such container: x\n");
    assertThat(next.post("/build").text()).isNotEqualTo("404 page not found\n");
  }

  // ---- field names and field sets

  @Test
  void inspect_says_Id_and_IpAddress_until_0_4_0_and_ID_and_IPAddress_from_0_4_1() {
    RawHttp old = daemon(EraRelease.V0_4_0);
    JsonNode before = Json.tree(old.get("/containers/" + create(old) + "/json"));
    assertThat(keys(before)).startsWith("Id").doesNotContain("ID");
    assertThat(keys(before.get("NetworkSettings"))).startsWith("IpAddress", "IpPrefixLen", "Gateway");
    RawHttp next = daemon(EraRelease.V0_4_1);
    JsonNode after = Json.tree(next.get("/containers/" + create(next) + "/json"));
    assertThat(keys(after)).startsWith("ID").doesNotContain("Id");
    assertThat(keys(after.get("NetworkSettings"))).startsWith("IPAddress", "IPPrefixLen", "Gateway");
  }

  @Test
  void container_lists_have_sizes_from_0_4_1() {
    RawHttp old = daemon(EraRelease.V0_4_0);
    create(old);
    assertThat(keys(Json.tree(old.get("/containers/json?all=1")).get(0)))
        .containsExactly("Id", "Image", "Command", "Created", "Status", "Ports");
    RawHttp next = daemon(EraRelease.V0_4_1);
    create(next);
    assertThat(keys(Json.tree(next.get("/containers/json?all=1")).get(0)))
        .containsExactly("Id", "Image", "Command", "Created", "Status", "Ports", "SizeRw", "SizeRootFs");
  }

  @Test
  void image_lists_have_sizes_from_0_4_1() {
    assertThat(keys(Json.tree(daemon(EraRelease.V0_4_0).get("/images/json")).get(0)))
        .containsExactly("Repository", "Tag", "Id", "Created");
    assertThat(keys(Json.tree(daemon(EraRelease.V0_4_1).get("/images/json")).get(0)))
        .containsExactly("Repository", "Tag", "Id", "Created", "Size", "VirtualSize");
  }

  @Test
  void image_inspect_has_Size_from_0_4_1() {
    assertThat(keys(Json.tree(daemon(EraRelease.V0_4_0).get("/images/img/json")))).doesNotContain("Size");
    assertThat(keys(Json.tree(daemon(EraRelease.V0_4_1).get("/images/img/json")))).endsWith("Size");
  }

  @Test
  void image_inspect_has_architecture_from_0_4_0() {
    for (EraRelease release : List.of(EraRelease.V0_3_3, EraRelease.V0_4_0)) {
      RawHttp http = daemon(release);
      String id = create(http);
      String image = Json.tree(http.post("/commit?container=" + id)).get("Id").asText();
      JsonNode json = Json.tree(http.get("/images/" + image + "/json"));
      if (release.equals(EraRelease.V0_3_3)) {
        assertThat(keys(json)).as(release.name()).doesNotContain("architecture");
      } else {
        assertThat(json.get("architecture").asText()).as(release.name()).isEqualTo("x86_64");
      }
    }
  }

  @Test
  void history_has_Tags_from_0_4_3() {
    assertThat(keys(Json.tree(daemon(EraRelease.V0_4_2).get("/images/img/history")).get(0)))
        .containsExactly("Id", "Created");
    assertThat(keys(Json.tree(daemon(EraRelease.V0_4_3).get("/images/img/history")).get(0)))
        .containsExactly("Id", "Tags", "Created");
  }

  @Test
  void history_writes_an_empty_CreatedBy_in_0_3_3_and_leaves_it_out_from_0_4_0() {
    assertThat(daemon(EraRelease.V0_3_3).get("/images/img/history").text()).contains("\"CreatedBy\":\"\"");
    assertThat(daemon(EraRelease.V0_4_0).get("/images/img/history").text()).doesNotContain("CreatedBy");
  }

  @Test
  void create_sends_null_warnings_in_0_3_3_and_none_from_0_4_0() {
    String body = "{\"Image\":\"img\",\"Cmd\":[\"date\"]}";
    assertThat(daemon(EraRelease.V0_3_3).post("/containers/create", "application/json", body).text())
        .matches("\\{\"Id\":\"[0-9a-f]{12}\",\"Warnings\":null}");
    assertThat(daemon(EraRelease.V0_4_0).post("/containers/create", "application/json", body).text())
        .matches("\\{\"Id\":\"[0-9a-f]{12}\"}");
  }

  @Test
  void the_swap_warning_is_the_same_in_every_release() {
    String body = "{\"Image\":\"img\",\"Cmd\":[\"date\"],\"Memory\":1048576}";
    for (EraRelease release : List.of(EraRelease.V0_3_3, EraRelease.V0_4_4)) {
      RawHttp http = daemon(release); // the default host has the memory cgroup and no swap accounting
      assertThat(Json.tree(http.post("/containers/create", "application/json", body)).get("Warnings").get(0).asText())
          .as(release.name()).isEqualTo("Your kernel does not support memory swap capabilities. Limitation discarded.");
    }
  }

  // ---- statuses

  @Test
  void conflict_is_409_from_0_4_1_and_impossible_406_from_0_4_0() {
    // no request of 0.3.3 or 0.4.0 can fail with Conflict (1.2's image delete is the only source), and none of
    // 0.3.3 with Impossible: the rows are pinned on the mapping itself, and the wire on the first release
    assertThat(EraFeatures.V0_4_0.statusFor("Conflict, x wasn't deleted")).isEqualTo(500);
    assertThat(EraFeatures.V0_4_1.statusFor("Conflict, x wasn't deleted")).isEqualTo(409);
    assertThat(EraFeatures.V0_3_3.statusFor("Impossible to remove a running container")).isEqualTo(500);
    assertThat(EraFeatures.V0_4_0.statusFor("Impossible to remove a running container")).isEqualTo(406);
    assertThat(EraFeatures.V0_3_3.statusFor("No such container: x")).isEqualTo(404);
    // deleting by ID an image that still has a tag untags and deletes nothing
    Response conflict = daemon(EraRelease.V0_4_1).delete("/v1.2/images/" + IMG.substring(0, 12));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text()).isEqualTo("Conflict, " + IMG.substring(0, 12) + " wasn't deleted\n");
  }

  // ---- CORS

  @Test
  void options_and_cors_exist_from_0_4_1() {
    RawHttp old = daemon(EraRelease.V0_4_0, MockDocker.builder().enableCors());
    Response preflight = old.send("OPTIONS", "/v1.1/version", null, new byte[0]);
    assertThat(preflight.status()).isEqualTo(404);
    assertThat(preflight.text()).isEqualTo("404 page not found\n");
    assertThat(old.get("/version").header("Access-Control-Allow-Origin")).isNull();
    RawHttp next = daemon(EraRelease.V0_4_1, MockDocker.builder().enableCors());
    Response answered = next.send("OPTIONS", "/v1.2/version", null, new byte[0]);
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(next.get("/version").header("Access-Control-Allow-Origin")).isEqualTo("*");
  }

  // ---- removing a running container

  @Test
  void a_running_container_is_stopped_and_removed_until_0_4_2_and_refused_from_0_4_3() {
    for (EraRelease release : List.of(EraRelease.V0_4_2, EraRelease.V0_4_3)) {
      RawHttp http = daemon(release);
      MockDocker docker = daemons.get(daemons.size() - 1);
      ScriptHandle h = docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
      String id = create(http);
      assertThat(http.post("/containers/" + id + "/start").status()).isEqualTo(204);
      Response removed = http.delete("/containers/" + id);
      if (release.equals(EraRelease.V0_4_2)) {
        assertThat(removed.status()).as(release.name()).isEqualTo(204);
        assertThat(http.get("/containers/" + id + "/json").status()).isEqualTo(404);
      } else {
        assertThat(removed.status()).as(release.name()).isEqualTo(406);
        assertThat(removed.text()).isEqualTo("Impossible to remove a running container, please stop it first\n");
        h.exit(0);
      }
    }
  }

  // ---- attach with stream=1 on a stopped container

  /** A container whose process prints {@code text} and exits 0, on the newest daemon. */
  String createPrinting(RawHttp http, String text) {
    daemons.get(daemons.size() - 1).script(ProcessMatch.any(), ProcessScript.builder().stdout(text).exit(0).build());
    return create(http);
  }

  /** An era attach as the CLI sends it; the head is read. */
  static RawHttp.Hijacked attach(RawHttp http, String id, String query) throws Exception {
    return http.hijack("POST", "/containers/" + id + "/attach?" + query, "Content-Type: plain/text\r\n", "");
  }

  @Test
  void a_stopped_attach_is_refused_in_the_stream_in_0_4_0_to_0_4_2() throws Exception {
    for (EraRelease release : List.of(EraRelease.V0_4_0, EraRelease.V0_4_2)) {
      RawHttp http = daemon(release);
      String id = createPrinting(http, "ran\n");
      http.post("/containers/" + id + "/start");
      http.post("/containers/" + id + "/wait");
      try (RawHttp.Hijacked attach = attach(http, id, "logs=1&stream=1&stdout=1&stderr=1")) {
        assertThat(attach.head).isEqualTo(HEAD);
        assertThat(new String(attach.rest(), StandardCharsets.UTF_8)).as(release.name())
            .isEqualTo("ran\nError: Impossible to attach to a stopped container, start it first\n");
      }
    }
  }

  @Test
  void a_stopped_attach_follows_the_next_run_in_0_3_3_and_from_0_4_3() throws Exception {
    for (EraRelease release : List.of(EraRelease.V0_3_3, EraRelease.V0_4_3)) {
      RawHttp http = daemon(release);
      String id = createPrinting(http, "ran\n");
      try (RawHttp.Hijacked attach = attach(http, id, "stream=1&stdout=1")) {
        assertThat(attach.head).isEqualTo(HEAD);
        assertThat(http.post("/containers/" + id + "/start").status()).isEqualTo(204);
        assertThat(new String(attach.rest(), StandardCharsets.UTF_8)).as(release.name()).isEqualTo("ran\n");
      }
    }
  }

  // ---- the local DNS warning

  static final String DNS_WARNING =
      "Docker detected local DNS server on resolv.conf. Using default external servers: [8.8.8.8 8.8.4.4]";

  @Test
  void a_local_dns_server_in_the_daemons_resolv_conf_is_ignored_until_0_4_0_and_replaced_with_a_warning_from_0_4_1() {
    RawHttp old = daemon(EraRelease.V0_4_0, MockDocker.builder().resolvConf("nameserver 127.0.0.1\n"));
    Response before = old.post("/containers/create", "application/json", "{\"Image\":\"img\",\"Cmd\":[\"date\"]}");
    assertThat(before.text()).matches("\\{\"Id\":\"[0-9a-f]{12}\"}");
    JsonNode kept = Json.tree(old.get("/containers/" + Json.tree(before).get("Id").asText() + "/json"));
    assertThat(kept.get("Config").get("Dns").isNull()).isTrue();
    assertThat(kept.get("ResolvConfPath").asText()).isEqualTo("/etc/resolv.conf");

    RawHttp next = daemon(EraRelease.V0_4_1, MockDocker.builder().resolvConf("nameserver 127.0.1.1\n"));
    Response after = next.post("/containers/create", "application/json", "{\"Image\":\"img\",\"Cmd\":[\"date\"]}");
    assertThat(after.status()).isEqualTo(201);
    assertThat(after.text()).matches("\\{\"Id\":\"[0-9a-f]{12}\",\"Warnings\":\\[\"" + DNS_WARNING.replace("[", "\\[")
        .replace("]", "\\]").replace(".", "\\.") + "\"]}");
    String id = Json.tree(after).get("Id").asText();
    JsonNode replaced = Json.tree(next.get("/containers/" + id + "/json"));
    assertThat(replaced.get("Config").get("Dns").toString()).isEqualTo("[\"8.8.8.8\",\"8.8.4.4\"]");
    assertThat(replaced.get("ResolvConfPath").asText()).endsWith("/" + replaced.get("ID").asText() + "/resolv.conf");
  }

  @Test
  void the_dns_warning_needs_a_local_server_and_no_dns_of_the_create_and_comes_before_the_swap_warning() {
    RawHttp plain = daemon(EraRelease.V0_4_4);
    assertThat(plain.post("/containers/create", "application/json", "{\"Image\":\"img\",\"Cmd\":[\"date\"]}").text())
        .as("no resolv.conf by default").matches("\\{\"Id\":\"[0-9a-f]{12}\"}");
    RawHttp remote = daemon(EraRelease.V0_4_4, MockDocker.builder().resolvConf("nameserver 10.0.0.2\n"));
    assertThat(remote.post("/containers/create", "application/json", "{\"Image\":\"img\",\"Cmd\":[\"date\"]}").text())
        .matches("\\{\"Id\":\"[0-9a-f]{12}\"}");
    RawHttp local = daemon(EraRelease.V0_4_4, MockDocker.builder().resolvConf("# dnsmasq\nnameserver 127.0.0.1\n"));
    assertThat(local.post("/containers/create", "application/json",
        "{\"Image\":\"img\",\"Cmd\":[\"date\"],\"Dns\":[\"10.1.1.1\"]}").text())
        .as("the create's own servers win").matches("\\{\"Id\":\"[0-9a-f]{12}\"}");
    JsonNode both = Json.tree(local.post("/containers/create", "application/json",
        "{\"Image\":\"img\",\"Cmd\":[\"date\"],\"Memory\":1048576}"));
    assertThat(both.get("Warnings").toString()).isEqualTo("[\"" + DNS_WARNING
        + "\",\"Your kernel does not support memory swap capabilities. Limitation discarded.\"]");
  }

  // ---- PortSpecs

  static String createWithPorts(RawHttp http, String spec) {
    return Json.create(http, "/containers/create",
        "{\"Image\":\"img\",\"Cmd\":[\"date\"],\"PortSpecs\":[\"" + spec + "\"]}");
  }

  @Test
  void public_private_port_specs_fail_the_start_until_0_4_0_and_map_from_0_4_1() {
    RawHttp old = daemon(EraRelease.V0_4_0);
    daemons.get(0).script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String refused = createWithPorts(old, "4501:80");
    Response start = old.post("/containers/" + refused + "/start");
    assertThat(start.status()).isEqualTo(500);
    assertThat(start.text())
        .isEqualTo("Error starting container " + refused + ": strconv.ParseUint: parsing \"4501:80\": invalid syntax\n");
    assertThat(Json.tree(old.get("/containers/" + refused + "/json")).at("/State/Running").asBoolean()).isFalse();
    String same = createWithPorts(old, ":4502");
    assertThat(old.post("/containers/" + same + "/start").status()).as("':private' was there already").isEqualTo(204);
    assertThat(Json.tree(old.get("/containers/" + same + "/json")).at("/NetworkSettings/PortMapping").toString())
        .isEqualTo("{\"4502\":\"4502\"}");
    Response restart = old.post("/containers/" + refused + "/restart?t=1");
    assertThat(restart.status()).isEqualTo(500);
    assertThat(restart.text()).isEqualTo(
        "Error restarting container " + refused + ": strconv.ParseUint: parsing \"4501:80\": invalid syntax\n");

    RawHttp next = daemon(EraRelease.V0_4_1);
    daemons.get(1).script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String mapped = createWithPorts(next, "4501:80");
    assertThat(next.post("/containers/" + mapped + "/start").status()).isEqualTo(204);
    assertThat(Json.tree(next.get("/containers/" + mapped + "/json")).at("/NetworkSettings/PortMapping").toString())
        .isEqualTo("{\"80\":\"4501\"}");
    next.post("/containers/" + mapped + "/kill");
    old.post("/containers/" + same + "/kill");
  }

  @Test
  void a_port_spec_out_of_range_fails_the_start_with_go_s_range_error_before_0_4_1() {
    RawHttp old = daemon(EraRelease.V0_3_3);
    String id = createWithPorts(old, "70000");
    assertThat(old.post("/containers/" + id + "/start").text())
        .isEqualTo("Error starting container " + id + ": strconv.ParseUint: parsing \"70000\": value out of range\n");
    assertThat(EraFeatures.PortSpecs.PRIVATE_ONLY.refusal(List.of("80", ":81"))).isNull();
    assertThat(EraFeatures.PortSpecs.PUBLIC_PRIVATE.refusal(List.of("1:2"))).isNull();
  }

  // ---- build output

  static Response build(RawHttp http, String dockerfile) {
    return http.post("/build", "multipart/form-data; boundary=" + BuildTest.BOUNDARY,
        BuildTest.multipart(dockerfile, null));
  }

  @Test
  void the_build_prints_full_image_ids_until_0_4_2_and_steps_from_0_4_3() {
    String dockerfile = "FROM img\nRUN make\nFOO bar\n";
    RawHttp old = daemon(EraRelease.V0_4_2);
    daemons.get(0).script(ProcessMatch.command("/bin/sh", "-c", "make"), ProcessScript.builder().exit(0).build());
    String first = build(old, dockerfile).text();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Build successful\\.\n===> ([0-9a-f]{64})\n").matcher(first);
    assertThat(m.find()).as(first).isTrue();
    String built = m.group(1);
    assertThat(first).isEqualTo("FROM img ()\n===> " + IMG + "\n"
        + "RUN make (" + IMG + ")\n===> " + built + "\n"
        + "FOO bar (" + built + ")\nSkipping unknown instruction FOO\n"
        + "Build successful.\n===> " + built + "\n");
    assertThat(build(old, dockerfile).text()).as("a cached step says nothing of the cache").isEqualTo(first);

    RawHttp next = daemon(EraRelease.V0_4_3);
    daemons.get(1).script(ProcessMatch.command("/bin/sh", "-c", "make"), ProcessScript.builder().exit(0).build());
    assertThat(BuildTest.shape(build(next, dockerfile).text())).isEqualTo("Step 1 : FROM img\n ---> <id>\n"
        + "Step 2 : RUN make\n ---> Running in <id>\n ---> <id>\n"
        + "Step 3 : FOO bar\n# Skipping unknown instruction FOO\n"
        + "Successfully built <id>\n");
    assertThat(BuildTest.shape(build(next, dockerfile).text())).contains("Step 2 : RUN make\n ---> Using cache\n");
  }

  // ---- progress sizes

  @Test
  void progress_counts_bytes_until_0_4_2_and_is_human_readable_from_0_4_3() {
    String other = Fixed.id('f');
    for (EraRelease release : List.of(EraRelease.V0_4_2, EraRelease.V0_4_3)) {
      RawHttp http = daemon(release);
      daemons.get(daemons.size() - 1).registry().image(Fixed.image(other, "", 2048, "./o", "o"))
          .tag("other", "latest", other);
      String progress = release.equals(EraRelease.V0_4_2) ? "2048/2048 (100%)" : "2.048 kB/2.048 kB (100%)";
      assertThat(http.post("/v1.1/images/create?fromImage=other").text()).as(release.name())
          .contains("{\"status\":\"Downloading\",\"progress\":\"" + progress + "\"}{}");
      assertThat(http.post("/v1.0/images/create?fromImage=other&tag=latest").status()).isEqualTo(200);
      RawHttp.Response raw = build(http, "FROM other:latest\n");
      assertThat(raw.text()).as(release.name()).doesNotContain("Downloading"); // pulled already: no transfer
    }
    RawHttp old = daemon(EraRelease.V0_4_0);
    daemons.get(daemons.size() - 1).registry().image(Fixed.image(other, "", 2048, "./o", "o"))
        .tag("other", "latest", other);
    assertThat(build(old, "FROM other\n").text()).as("a build's FROM pull in the raw formatter")
        .contains("Downloading 2048/2048 (100%)\r\r\n");
  }

  // ---- the raw 1.0 streams of 0.3.3, and the progress messages of 0.4.0

  /** The newest daemon's registry with {@code other} (a 2048-byte layer) and a 6-byte file at a URL. */
  MockDocker withOther(String other) {
    MockDocker docker = daemons.get(daemons.size() - 1);
    docker.registry().image(Fixed.image(other, "", 2048, "./o", "o")).tag("other", "latest", other)
        .url("http://example.com/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8))
        .url("http://example.com/rootfs.tar", Fixed.tar(Map.of("./etc/hostname", "imported\n")));
    return docker;
  }

  @Test
  void a_0_3_3_pull_ends_its_lines_as_written_and_0_4_0_through_the_formatter() {
    String other = Fixed.id('f');
    RawHttp old = daemon(EraRelease.V0_3_3);
    withOther(other);
    assertThat(old.post("/v1.0/images/create?fromImage=other").text()).isEqualTo(
        "Pulling repository other from https://index.docker.io/v1\r\n"
            + "Pulling image " + other + " (latest) from other\n"
            + "Pulling " + other + " metadata\r\n"
            + "Pulling " + other + " fs layer\r\n"
            + "Downloading 2048/2048 (100%)\r"
            + "\n");
    assertThat(old.post("/v1.0/images/create?fromImage=nosuch").text())
        .isEqualTo("Pulling repository nosuch from https://index.docker.io/v1\r\nHTTP code: 404\n");

    RawHttp next = daemon(EraRelease.V0_4_0);
    withOther(other);
    assertThat(next.post("/v1.0/images/create?fromImage=other").text()).isEqualTo(
        "Pulling repository other from https://index.docker.io/v1\r\n"
            + "Pulling image " + other + " (latest) from other\r\n"
            + "Pulling " + other + " metadata\r\n"
            + "Pulling " + other + " fs layer\r\n"
            + "Downloading 2048/2048 (100%)\r"
            + "\r\n");
    assertThat(next.post("/v1.0/images/create?fromImage=nosuch").text())
        .isEqualTo("Pulling repository nosuch from https://index.docker.io/v1\r\nError: HTTP code: 404\r\n");
  }

  @Test
  void a_0_3_3_import_and_insert_end_with_a_bare_id_line_and_0_4_0_with_the_formatter_s() {
    RawHttp old = daemon(EraRelease.V0_3_3);
    withOther(Fixed.id('f'));
    assertThat(old.post("/v1.0/images/create?fromSrc=http://example.com/rootfs.tar").text())
        .matches("Downloading from http://example.com/rootfs.tar\n"
            + "Importing (\\d+)/\\1 \\(100%\\)\r\n[0-9a-f]{12}\n");
    Response inserted = old.post("/v1.0/images/img/insert?url=http://example.com/hello.txt&path=/hello");
    assertThat(inserted.text()).matches("Downloading 6/6 \\(100%\\)\r\n[0-9a-f]{64}\n");
    Response unknown = old.post("/v1.0/images/nosuch/insert?url=http://example.com/hello.txt&path=/hello");
    assertThat(unknown.status()).as("an early failure is an error answer").isEqualTo(500);
    assertThat(unknown.text()).isEqualTo("Image does not exist: nosuch\n");
    assertThat(old.post("/v1.0/images/img/insert?url=http://example.com/nope&path=/hello").text())
        .as("an error once the stream started: the bare message")
        .doesNotContain("Error: ").endsWith("\n").doesNotEndWith("\r\n");

    RawHttp next = daemon(EraRelease.V0_4_0);
    withOther(Fixed.id('f'));
    assertThat(next.post("/v1.0/images/create?fromSrc=http://example.com/rootfs.tar").text())
        .matches("Downloading from http://example.com/rootfs.tar\r\n"
            + "Importing (\\d+)/\\1 \\(100%\\)\r\r\n[0-9a-f]{12}\r\n");
    assertThat(next.post("/v1.0/images/img/insert?url=http://example.com/hello.txt&path=/hello").text())
        .matches("Downloading 6/6 \\(100%\\)\r\r\n[0-9a-f]{64}\r\n\\{\"Id\":\"[0-9a-f]{12}\"}");
    assertThat(next.post("/v1.0/images/nosuch/insert?url=http://example.com/hello.txt&path=/hello").text())
        .isEqualTo("{\"Id\":\"\"}");
  }

  /** Pushes a new layer on {@code img} as {@code mock/app} over {@code version}; the raw or JSON stream. */
  String pushApp(RawHttp http, String version) {
    daemons.get(daemons.size() - 1).registry().account("mock", "mock", "mock@example.com")
        .url("http://example.com/app.txt", "app\n".getBytes(StandardCharsets.UTF_8));
    assertThat(http.post(version + "/auth", "application/json",
        "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}").status()).isEqualTo(200);
    String inserted = http.post(version + "/images/img/insert?url=http://example.com/app.txt&path=/app").text();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9a-f]{64})").matcher(inserted);
    assertThat(m.find()).as(inserted).isTrue();
    assertThat(http.post(version + "/images/" + m.group(1) + "/tag?repo=mock/app&tag=latest").status()).isEqualTo(201);
    return http.post(version + "/images/mock/app/push", "plain/text", "").text();
  }

  @Test
  void push_progress_has_no_action_word_in_0_3_3_an_empty_one_in_0_4_0_and_Pushing_from_0_4_1() {
    String old = pushApp(daemon(EraRelease.V0_3_3), "/v1.0");
    assertThat(old).startsWith("The push refers to a repository [mock/app] (len: 1)\nProcessing checksums\n"
        + "Sending image list\nPushing repository mock/app to ");
    assertThat(old).containsPattern("\nPushing [0-9a-f]{64}\r\n(\\d+/\\d+ \\(100%\\)\r)+\n");
    assertThat(old).containsPattern("\nImage [0-9a-f]{64} already uploaded ; skipping\n");
    assertThat(pushApp(daemon(EraRelease.V0_4_0), "/v1.0"))
        .containsPattern("\r\nPushing [0-9a-f]{64}\r\n( \\d+/\\d+ \\(100%\\)\r)+\r\n");
    assertThat(pushApp(daemon(EraRelease.V0_4_1), "/v1.0"))
        .containsPattern("\r\nPushing [0-9a-f]{64}\r\n(Pushing \\d+/\\d+ \\(100%\\)\r)+\r\n");
  }

  @Test
  void a_push_puts_its_tags_under_users_until_0_4_2_and_under_repositories_from_0_4_3() {
    assertThat(pushApp(daemon(EraRelease.V0_3_3), "/v1.0"))
        .containsPattern("\nPushing tags for rev \\[[0-9a-f]{64}] on \\{[^}]+/users/mock/app/latest}\n");
    assertThat(pushApp(daemon(EraRelease.V0_4_2), "/v1.0"))
        .containsPattern("\nPushing tags for rev \\[[0-9a-f]{64}] on \\{[^}]+/users/mock/app/latest}\r\n");
    assertThat(pushApp(daemon(EraRelease.V0_4_3), "/v1.0"))
        .containsPattern("\nPushing tags for rev \\[[0-9a-f]{64}] on \\{[^}]+/repositories/mock/app/tags/latest}\r\n")
        .doesNotContain("/users/");
  }

  @Test
  void json_progress_has_no_status_in_0_4_0_and_the_action_as_status_from_0_4_1() {
    String other = Fixed.id('f');
    RawHttp old = daemon(EraRelease.V0_4_0);
    withOther(other);
    assertThat(old.post("/v1.1/images/create?fromImage=other").text())
        .contains("{\"status\":\"Pulling " + other + " fs layer\"}{\"progress\":\"2048/2048 (100%)\"}{}");
    assertThat(pushApp(old, "/v1.1")).containsPattern("\\{\"progress\":\"\\d+/\\d+ \\(100%\\)\"}\\{}");
    RawHttp next = daemon(EraRelease.V0_4_1);
    withOther(other);
    assertThat(next.post("/v1.1/images/create?fromImage=other").text()).contains("{\"status\":\"Pulling " + other
        + " fs layer\"}{\"status\":\"Downloading\",\"progress\":\"2048/2048 (100%)\"}{}");
    assertThat(pushApp(next, "/v1.1"))
        .containsPattern("\\{\"status\":\"Pushing\",\"progress\":\"\\d+/\\d+ \\(100%\\)\"}\\{}");
  }

  // ---- docker_version of the images the daemon makes

  @Test
  void images_the_daemon_makes_carry_the_release_s_version() {
    for (EraRelease release : List.of(EraRelease.V0_4_0, EraRelease.V0_4_4)) {
      RawHttp http = daemon(release);
      String committed = Json.tree(http.post("/commit?container=" + create(http))).get("Id").asText();
      assertThat(Json.tree(http.get("/images/" + committed + "/json")).get("docker_version").asText())
          .as(release.name()).isEqualTo(release.name());
      Response imported = http.post("/v1.1/images/create?fromSrc=-", "application/octet-stream",
          Fixed.tar(Map.of("./etc/hostname", "imported\n")));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"status\":\"([0-9a-f]{12})\"}$")
          .matcher(imported.text());
      assertThat(m.find()).as(imported.text()).isTrue();
      assertThat(Json.tree(http.get("/images/" + m.group(1) + "/json")).get("docker_version").asText())
          .as(release.name()).isEqualTo(release.name());
      assertThat(Json.tree(http.get("/images/img/json")).has("docker_version"))
          .as("a pulled image keeps what its registry says (nothing here)").isFalse();
    }
  }

  // ---- scenarios

  @Test
  void a_scenario_names_the_release_and_an_explicit_one_wins() {
    Scenario scenario = Scenario.fromJson("{\"name\":\"old\",\"fixtures\":\"none\",\"release\":\"0.4.0\"}");
    assertThat(scenario.release()).contains(EraRelease.V0_4_0);
    try (MockDocker docker = MockDocker.builder().scenario(scenario).start()) {
      assertThat(docker.release()).isEqualTo(EraRelease.V0_4_0);
      assertThat(new RawHttp(docker.uri()).get("/v1.2/version").status()).isEqualTo(404);
    }
    try (MockDocker docker = MockDocker.builder().scenario(scenario).release(EraRelease.V0_4_1).start()) {
      assertThat(new RawHttp(docker.uri()).get("/v1.2/version").status()).isEqualTo(200);
    }
    assertThat(Scenario.fromJson("{\"name\":\"plain\"}").release()).isEmpty();
    assertThatThrownBy(() -> Scenario.fromJson("{\"name\":\"bad\",\"release\":\"0.9\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown release 0.9 (known: 0.3.3");
  }

  // ---- the public value

  @Test
  void the_public_releases_are_the_rows_and_unknown_names_list_them() {
    assertThat(EraRelease.names()).isEqualTo(EraFeatures.releases());
    assertThat(EraRelease.of("0.4.0")).isEqualTo(EraRelease.V0_4_0);
    assertThat(EraRelease.V0_4_0.newestApiVersion()).isEqualTo("1.1");
    assertThat(EraRelease.defaultRelease()).isEqualTo(EraRelease.V0_4_4);
    assertThatThrownBy(() -> EraRelease.of("0.5.0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown release 0.5.0 (known: 0.3.3, 0.4.0, 0.4.1, 0.4.2, 0.4.3, 0.4.4)");
  }
}
