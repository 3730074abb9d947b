package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Races R1 found, each pinned down by running the two sides against each other many times. */
class ContainerRacesTest {
  static final int ROUNDS = Leaks.iterations("reliability.races", 150);

  @Test
  void commit_racing_rm_is_a_commit_or_a_no_such_container_never_a_java_exception() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).start()) {
      RawHttp http = new RawHttp(docker.uri());
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        String id = create(http, "[\"/bin/sh\",\"-c\",\"touch /x\"]");
        assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
        assertThat(http.post("/v1.2/containers/" + id + "/wait").status()).isEqualTo(200);
        CompletableFuture<Response> commit = CompletableFuture.supplyAsync(
            () -> http.post("/v1.2/commit?container=" + id + "&repo=raced"));
        CompletableFuture<Response> rm = CompletableFuture.supplyAsync(() -> http.delete("/v1.2/containers/" + id));
        Response c = commit.get();
        Response r = rm.get();
        assertThat(r.status()).isEqualTo(204);
        if (c.status() != 201) {
          answers.add(c.status() + " " + c.text());
        }
      }
      assertThat(answers).allMatch(a -> a.matches("404 No such container: [0-9a-f]+\n"), "a 404 No such container");
      assertThat(Engines.of(docker).containerCount()).isZero();
    }
  }

  @Test
  void start_racing_rm_never_leaves_a_running_container_that_no_list_shows() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).start()) {
      RawHttp http = new RawHttp(docker.uri());
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        String id = create(http, "[\"echo\",\"hi\"]");
        CompletableFuture<Response> start = CompletableFuture.supplyAsync(
            () -> http.post("/v1.2/containers/" + id + "/start"));
        CompletableFuture<Response> rm = CompletableFuture.supplyAsync(() -> http.delete("/v1.2/containers/" + id));
        Response s = start.get();
        Response r = rm.get();
        if (s.status() != 204) {
          answers.add(s.status() + " " + s.text());
        }
        if (r.status() != 204) {
          answers.add(r.status() + " " + r.text());
          http.post("/v1.2/containers/" + id + "/wait");
          assertThat(http.delete("/v1.2/containers/" + id).status()).isEqualTo(204);
        }
      }
      assertThat(answers).allMatch(a -> a.matches("404 No such container: [0-9a-f]+\n")
          || a.equals("406 Impossible to remove a running container, please stop it first\n"), "expected");
      assertThat(Engines.of(docker).containerCount()).isZero();
    }
  }

  @Test
  void commit_and_start_racing_the_delete_of_the_container_s_image_never_read_half_deleted_layers() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).start()) {
      RawHttp http = new RawHttp(docker.uri());
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        // an image of our own, so that deleting its only tag prunes real layer files
        String first = create(http, "[\"/bin/sh\",\"-c\",\"touch /y\"]");
        http.post("/v1.2/containers/" + first + "/start");
        http.post("/v1.2/containers/" + first + "/wait");
        String name = "layer:t" + i;
        Response committed = http.post("/v1.2/commit?container=" + first + "&repo=layer&tag=t" + i);
        assertThat(committed.status()).isEqualTo(201);
        String layer = committed.text().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
        Response created = http.post("/v1.2/containers/create", "application/json",
            "{\"Image\":\"" + layer + "\",\"Cmd\":[\"true\"]}");
        String second = created.text().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
        CompletableFuture<Response> start = CompletableFuture.supplyAsync(
            () -> http.post("/v1.2/containers/" + second + "/start"));
        CompletableFuture<Response> commit = CompletableFuture.supplyAsync(
            () -> http.post("/v1.2/commit?container=" + second));
        CompletableFuture<Response> rmi = CompletableFuture.supplyAsync(() -> http.delete("/v1.2/images/" + name));
        for (Response r : List.of(start.get(), commit.get(), rmi.get())) {
          if (r.status() >= 500) {
            answers.add(r.status() + " " + r.text());
          }
        }
      }
      assertThat(answers).isEmpty();
    }
  }

  static String create(RawHttp http, String cmd) {
    return Json.create(http, "/v1.2/containers/create", "{\"Image\":\"base\",\"Cmd\":" + cmd + "}");
  }

}
