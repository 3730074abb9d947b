package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.registry.Config;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/** Modern image endpoints with one JSON answer: list, inspect, history, tag, delete, search, commit. */
class ModernImagesTest {
  static final String BUSYBOX = "e9aa60c60128cad19d75f0d7c398df565d7ac04c6819b62d6d8f9560f5eb4672";
  static final String BASE = "b750fe79269d2ec9a3c593ef05b4332bcae662172fd450bb0cd710a769079c05";
  static final String ROOT = "27cf78414709954594a992fe0bff6bb624513752584ead467f55bb0e17beecc5";
  static final String DIGEST = "sha256:8373c9b815312f6e365c9331b3d83798fd102c0ef8391073caa6c84a938ded0f";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
    assertThat(http.post("/v1.50/images/create?fromImage=busybox&tag=latest").status()).isEqualTo(200);
  }

  static final String BUSYBOX_ROW = "{\"Containers\":-1,\"Created\":1371157430,\"Id\":\"sha256:" + BUSYBOX
      + "\",\"Labels\":null,\"ParentId\":\"\",\"RepoDigests\":[\"busybox@" + DIGEST
      + "\"],\"RepoTags\":[\"busybox:latest\"],\"SharedSize\":-1,\"Size\":124966";

  @Test
  void list_on_1_50_has_no_virtual_size_and_hides_intermediate_layers() {
    Response r = http.get("/v1.50/images/json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("[" + BUSYBOX_ROW + "},"
        + "{\"Containers\":-1,\"Created\":1364102977,\"Id\":\"sha256:" + BASE + "\",\"Labels\":null,\"ParentId\":"
        + "\"sha256:" + ROOT + "\",\"RepoDigests\":[],\"RepoTags\":[\"base:latest\",\"base:ubuntu-quantal\"],"
        + "\"SharedSize\":-1,\"Size\":77731}]\n");
  }

  @Test
  void list_below_1_43_marks_untagged_images_none_and_below_1_44_has_virtual_size() {
    Response r = http.get("/v1.41/images/json?all=1");
    assertThat(r.text()).startsWith("[" + BUSYBOX_ROW + ",\"VirtualSize\":124966},")
        .endsWith("{\"Containers\":-1,\"Created\":1364102658,\"Id\":\"sha256:" + ROOT + "\",\"Labels\":null,"
            + "\"ParentId\":\"\",\"RepoDigests\":[\"\\u003cnone\\u003e@\\u003cnone\\u003e\"],"
            + "\"RepoTags\":[\"\\u003cnone\\u003e:\\u003cnone\\u003e\"],\"SharedSize\":-1,\"Size\":106975,"
            + "\"VirtualSize\":106975}]\n");
    Response modern = http.get("/v1.43/images/json?all=true");
    assertThat(modern.text()).contains("\"RepoDigests\":[],\"RepoTags\":[],\"SharedSize\":-1,\"Size\":106975,"
        + "\"VirtualSize\":106975}");
  }

  @Test
  void list_filters_by_reference_and_dangling() {
    assertThat(http.get("/images/json?filters=%7B%22reference%22%3A%5B%22busy*%22%5D%7D").text())
        .isEqualTo("[" + BUSYBOX_ROW + "}]\n");
    assertThat(http.get("/images/json?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D").text())
        .isEqualTo("[]\n");
  }

  @Test
  void inspect_on_1_50_has_the_image_config_and_every_name_form_finds_it() {
    String expected = "{\"Id\":\"sha256:" + BUSYBOX + "\",\"RepoTags\":[\"busybox:latest\"],\"RepoDigests\":"
        + "[\"busybox@" + DIGEST + "\"],\"Parent\":\"\",\"Comment\":\"Imported from -\",\"Created\":"
        + "\"2013-06-13T14:03:50.821769-07:00\",\"DockerVersion\":\"0.4.0\",\"Author\":\"\",\"Config\":{},"
        + "\"Architecture\":\"amd64\",\"Os\":\"linux\",\"Size\":124966,\"GraphDriver\":{\"Data\":null,\"Name\":"
        + "\"overlay2\"},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha256:" + BUSYBOX + "\"]},\"Metadata\":"
        + "{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}}\n";
    for (String name : new String[] {"busybox", "busybox:latest", "docker.io/library/busybox:latest",
        "sha256:" + BUSYBOX, "e9aa60c60128"}) {
      Response r = http.get("/v1.50/images/" + name + "/json");
      assertThat(r.status()).as(name).isEqualTo(200);
      assertThat(r.text()).as(name).isEqualTo(expected);
    }
  }

  @Test
  void inspect_below_1_44_has_the_container_shaped_configs_and_virtual_size() {
    String config = "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":"
        + "false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":"
        + "null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,"
        + "\"Labels\":null}";
    Response r = http.get("/v1.43/images/busybox/json");
    assertThat(r.text()).contains("\"Created\":\"2013-06-13T14:03:50.821769-07:00\",\"ContainerConfig\":" + config
        + ",\"DockerVersion\":\"0.4.0\",\"Author\":\"\",\"Config\":" + config + ",\"Architecture\":\"amd64\","
        + "\"Os\":\"linux\",\"Size\":124966,\"VirtualSize\":124966,\"GraphDriver\"");
  }

  @Test
  void inspect_of_an_unknown_image_is_404_with_the_familiar_reference() {
    Response r = http.get("/v1.50/images/nosuchimage:9/json");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("{\"message\":\"No such image: nosuchimage:9\"}\n");
    assertThat(http.get("/images/docker.io/library/nosuch/json").text())
        .isEqualTo("{\"message\":\"No such image: nosuch:latest\"}\n");
  }

  @Test
  void history_is_newest_first_with_missing_for_untagged_ancestors() {
    http.post("/images/create?fromImage=base&tag=latest");
    Response r = http.get("/v1.50/images/base/history");
    assertThat(r.text()).isEqualTo("[{\"Comment\":\"\",\"Created\":1364102977,\"CreatedBy\":\"/bin/bash -c apt-get "
        + "update\",\"Id\":\"sha256:" + BASE + "\",\"Size\":77731,\"Tags\":[\"base:latest\",\"base:ubuntu-quantal\"]},"
        + "{\"Comment\":\"Imported from -\",\"Created\":1364102658,\"CreatedBy\":\"\",\"Id\":\"\\u003cmissing\\u003e\","
        + "\"Size\":106975,\"Tags\":null}]\n");
  }

  @Test
  void tag_with_a_registry_host_is_201_and_the_new_name_resolves() {
    Response r = http.post("/v1.50/images/busybox/tag?repo=localhost%3A5000%2Fbusybox&tag=v1");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 201 Created");
    assertThat(r.body()).isEmpty();
    assertThat(Engines.of(docker).references().tagged("localhost:5000/busybox", "v1").orElseThrow().id()).isEqualTo(BUSYBOX);
    assertThat(http.get("/images/localhost:5000/busybox:v1/json").status()).isEqualTo(200);
    assertThat(http.post("/images/sha256:" + BUSYBOX + "/tag?repo=byid").status()).isEqualTo(201);
    assertThat(Engines.of(docker).references().tagged("byid", "latest")).isPresent();
  }

  @Test
  void tag_of_an_unknown_source_is_404_and_a_bad_target_400() {
    assertThat(http.post("/images/nosuch/tag?repo=x&tag=1").text())
        .isEqualTo("{\"message\":\"No such image: nosuch:latest\"}\n");
    Response bad = http.post("/images/busybox/tag?repo=Bad&tag=1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo(
        "{\"message\":\"invalid reference format: repository name (Bad) must be lowercase\"}\n");
  }

  @Test
  void delete_one_of_several_tags_only_untags_and_the_last_deletes() {
    http.post("/images/busybox/tag?repo=localhost%3A5000%2Fbusybox&tag=v1");
    Response one = http.delete("/v1.50/images/localhost:5000/busybox:v1");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.text()).isEqualTo("[{\"Untagged\":\"localhost:5000/busybox:v1\"}]\n");
    Response last = http.delete("/v1.50/images/busybox");
    assertThat(last.text()).isEqualTo("[{\"Untagged\":\"busybox:latest\"},{\"Untagged\":\"busybox@" + DIGEST
        + "\"},{\"Deleted\":\"sha256:" + BUSYBOX + "\"}]\n");
    assertThat(http.delete("/images/busybox").text()).isEqualTo("{\"message\":\"No such image: busybox:latest\"}\n");
  }

  @Test
  void delete_of_the_last_tag_prunes_untagged_parents_unless_noprune() {
    Response pull = http.post("/images/create?fromImage=base&tag=latest");
    assertThat(pull.text()).endsWith("{\"status\":\"Status: Image is up to date for base:latest\"}\r\n");
    String digest = Engines.of(docker).references().repoDigests(BASE).get(0);
    http.delete("/images/base:ubuntu-quantal");
    assertThat(http.delete("/images/base?noprune=1").text()).isEqualTo("[{\"Untagged\":\"base:latest\"},"
        + "{\"Untagged\":\"" + digest + "\"},{\"Deleted\":\"sha256:" + BASE + "\"}]\n");
    assertThat(Engines.of(docker).references().imageById(ROOT)).isPresent();
    http.post("/images/create?fromImage=base&tag=latest");
    http.delete("/images/base:ubuntu-quantal");
    assertThat(http.delete("/images/base").text()).endsWith("{\"Deleted\":\"sha256:" + BASE + "\"},"
        + "{\"Deleted\":\"sha256:" + ROOT + "\"}]\n");
  }

  @Test
  void delete_conflicts_are_409_with_the_daemons_texts() {
    http.post("/images/busybox/tag?repo=other&tag=1");
    Response multiple = http.delete("/images/sha256:" + BUSYBOX);
    assertThat(multiple.status()).isEqualTo(409);
    assertThat(multiple.text()).isEqualTo("{\"message\":\"conflict: unable to delete e9aa60c60128 (must be forced) "
        + "- image is referenced in multiple repositories\"}\n");
    http.delete("/images/other:1");
    String id = Engines.of(docker).containers().create(Config.builder().image("busybox").cmd("true").build()).id();
    Response inUse = http.delete("/images/busybox");
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.text()).isEqualTo("{\"message\":\"conflict: unable to remove repository reference \\\"busybox\\\" "
        + "(must force) - container " + id.substring(0, 12) + " is using its referenced image e9aa60c60128\"}\n");
    Response forced = http.delete("/images/busybox?force=1");
    assertThat(forced.text()).isEqualTo("[{\"Untagged\":\"busybox:latest\"},{\"Untagged\":\"busybox@" + DIGEST
        + "\"}]\n");
  }

  @Test
  void search_answers_snake_case_fields() {
    Response r = http.get("/v1.50/images/search?term=busybox");
    assertThat(r.text()).isEqualTo("[{\"star_count\":0,\"is_official\":true,\"name\":\"busybox\",\"is_automated\":"
        + "false,\"description\":\"Busybox: the Swiss Army knife of embedded Linux\"}]\n");
    assertThat(http.get("/images/search?term=mock&limit=1").text()).isEqualTo("[{\"star_count\":0,\"is_official\":"
        + "false,\"name\":\"mock/nodejs\",\"is_automated\":false,\"description\":\"Node.js 0.10 on base\"}]\n");
  }

  @Test
  void commit_is_201_with_the_sha256_id_and_tags_a_fully_qualified_repo() {
    String id = Engines.of(docker).containers().create(Config.builder().image("busybox").cmd("true").build()).id();
    Response r = http.post("/v1.50/commit?author=me&comment=msg&container=" + id.substring(0, 12)
        + "&repo=docker.io%2Flibrary%2Fcommitted&tag=v1");
    assertThat(r.status()).isEqualTo(201);
    String imageId = Engines.of(docker).references().tagged("committed", "v1").orElseThrow().id();
    assertThat(r.text()).isEqualTo("{\"Id\":\"sha256:" + imageId + "\"}\n");
    assertThat(Engines.of(docker).references().tagged("committed", "v1").orElseThrow().author()).isEqualTo("me");
    Response dj = http.post("/commit?container=" + id + "&m=jmsg&repo=jcommitted&tag=v1", "application/json",
        "{\"Cmd\":[\"echo\",\"hi\"],\"Env\":null,\"containerId\":null}");
    assertThat(dj.status()).isEqualTo(201);
    assertThat(Engines.of(docker).references().tagged("jcommitted", "v1").orElseThrow().comment()).isEqualTo("jmsg");
    assertThat(Engines.of(docker).references().tagged("jcommitted", "v1").orElseThrow().config().cmd()).containsExactly("echo", "hi");
    Response missing = http.post("/commit?container=nosuch&repo=x");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"No such container: nosuch\"}\n");
  }

  @Test
  void tag_and_delete_leave_their_image_events() {
    assertThat(http.post("/v1.50/images/busybox/tag?repo=localhost%3A5000%2Fbusybox&tag=v1").status()).isEqualTo(201);
    assertThat(http.delete("/v1.50/images/localhost:5000/busybox:v1").status()).isEqualTo(200);
    assertThat(Engines.of(docker).events().history())
        .filteredOn(e -> e.type().equals("image"))
        .extracting(e -> e.action() + " " + e.actorId() + " " + e.attributes().get("name"))
        .containsSubsequence(
            "pull busybox:latest busybox",
            "tag " + BUSYBOX + " localhost:5000/busybox:v1",
            "untag " + BUSYBOX + " localhost:5000/busybox:v1");
  }
}
