package io.mockdocker.internal.http;

import static io.mockdocker.internal.http.ModernSwarmTest.refused;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.Tars;
import io.mockdocker.testing.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin endpoints of a daemon with no plugins and no registry of plugins, over the wire. */
class ModernPluginsTest {
  static final String JSON = "application/json";
  static final String NOT_RESOLVED = "error resolving plugin reference: pull access denied, repository does not "
      + "exist or may require authorization: server message: insufficient_scope: authorization failed";

  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).openRegistry());
  RawHttp http;

  @BeforeEach
  void client() {
    http = daemon.http();
  }

  @Test
  void the_list_is_empty_and_checks_its_filter_keys() {
    Response list = http.get("/v1.50/plugins");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.header("Content-Type")).isEqualTo("application/json");
    assertThat(list.text()).isEqualTo("[]\n");
    assertThat(http.get("/v1.50/plugins?filters=%7B%22capability%22:%5B%22volumedriver%22%5D%7D").text())
        .isEqualTo("[]\n");
    refused(http.get("/v1.50/plugins?filters=%7B%22name%22:%5B%22x%22%5D%7D"), 400, "invalid filter 'name'");
  }

  @Test
  void a_named_plugin_is_not_found_whatever_is_asked_of_it() {
    refused(http.get("/v1.50/plugins/vieux/sshfs:latest/json"), 404, "plugin \"vieux/sshfs:latest\" not found");
    refused(http.delete("/v1.50/plugins/sshfs?force=1"), 404, "plugin \"sshfs\" not found");
    refused(http.post("/v1.50/plugins/sshfs/enable?timeout=30"), 404, "plugin \"sshfs\" not found");
    refused(http.post("/v1.50/plugins/sshfs/disable"), 404, "plugin \"sshfs\" not found");
    refused(http.post("/v1.50/plugins/sshfs/push"), 404, "plugin \"sshfs\" not found");
    refused(http.post("/v1.50/plugins/sshfs/set", JSON, "[\"DEBUG=1\"]"), 404, "plugin \"sshfs\" not found");
    refused(http.post("/v1.50/plugins/sshfs/upgrade?remote=vieux/sshfs:next", JSON, "[]"), 404,
        "plugin \"sshfs\" not found");
    refused(http.post("/v1.50/plugins/sshfs/enable"), 500, "strconv.Atoi: parsing \"\": invalid syntax");
  }

  @Test
  void installs_fail_resolving_the_reference_even_for_images_the_registry_has() {
    refused(http.get("/v1.50/plugins/privileges?remote=vieux/sshfs:latest"), 500, NOT_RESOLVED);
    refused(http.get("/v1.50/plugins/privileges?remote=busybox"), 500, NOT_RESOLVED);
    Response pull = http.post("/v1.50/plugins/pull?remote=vieux/sshfs:latest", JSON,
        "[{\"Name\":\"network\",\"Value\":[\"host\"]}]");
    refused(pull, 500, NOT_RESOLVED);
    assertThat(pull.header("Docker-Plugin-Name")).isEqualTo("vieux/sshfs:latest");
    assertThat(http.post("/v1.50/plugins/pull?remote=vieux/sshfs&name=fs", JSON, "[]").header("Docker-Plugin-Name"))
        .isEqualTo("fs:latest");
    refused(http.get("/v1.50/plugins/privileges"), 500, "repository name must have at least one component");
    refused(http.get("/v1.50/plugins/privileges?remote=Vieux/sshfs"), 500,
        "invalid reference format: repository name (Vieux/sshfs) must be lowercase");
    refused(http.post("/v1.50/plugins/pull?remote=vieux/sshfs", JSON, "{}"), 400,
        "invalid JSON: json: cannot unmarshal object into Go value of type types.PluginPrivileges");
    assertThat(tree(http.get("/v1.50/plugins")).size()).isZero();
  }

  @Test
  void create_splits_the_context_and_refuses_one_without_a_rootfs_or_a_config() {
    String tar = "application/x-tar";
    refused(http.post("/v1.50/plugins/create?name=fs", tar, new byte[0]), 500, "no rootfs found: EOF");
    refused(http.post("/v1.50/plugins/create?name=fs", tar,
        Tars.plain().file("config.json", "{}").bytes()), 500, "no rootfs found: EOF");
    refused(http.post("/v1.50/plugins/create?name=fs", tar,
        Tars.plain().dir("rootfs/").file("rootfs/bin/fs", "x").bytes()), 500, "config not found");
    refused(http.post("/v1.50/plugins/create?name=fs", tar,
        Tars.plain().file("./config.json", "{\"Description\":").dir("rootfs/").bytes()), 500,
        "failed to parse config: unexpected end of JSON input");
    refused(http.post("/v1.50/plugins/create?name=fs", tar, "not a tar".getBytes()), 500,
        "failed to read from tar: unexpected EOF");
    refused(http.post("/v1.50/plugins/create?name=Fs", tar, new byte[0]), 500,
        "failed to parse reference Fs: invalid reference format: repository name (Fs) must be lowercase");
    refused(http.post("/v1.50/plugins/create?name=fs@sha256:" + "a".repeat(64), tar, new byte[0]), 500,
        "canonical references are not permitted");
    Response whole = http.post("/v1.50/plugins/create?name=fs", tar,
        Tars.plain().file("config.json", "{}").dir("rootfs/").bytes());
    assertThat(whole.status()).isEqualTo(500);
    assertThat(tree(http.get("/v1.50/plugins")).size()).isZero();
    refused(http.get("/v1.50/plugins/fs/json"), 404, "plugin \"fs\" not found");
  }
}
