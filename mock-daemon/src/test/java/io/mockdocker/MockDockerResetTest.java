package io.mockdocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.Registry;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Test;

class MockDockerResetTest {

  @Test
  void reset_returns_images_tags_and_journal_to_the_fixtures_on_the_same_port() {
    try (MockDocker docker = MockDocker.builder().start()) {
      RawHttp http = new RawHttp(docker.uri());
      int port = docker.port();
      assertThat(http.post("/v1.2/images/base/tag?repo=mine&tag=v1").status()).isEqualTo(201);
      docker.registry().push("extra", "latest", Fixed.image(Fixed.id('e'), "", 4096, "./e", "e\n"));

      docker.reset();

      assertThat(docker.port()).isEqualTo(port);
      assertThat(Engines.of(docker).findImage("mine:v1")).isEmpty();
      assertThat(Engines.of(docker).findImage("base")).isPresent();
      assertThat(docker.registry().tags("extra")).isEmpty();
      assertThat(docker.journal().requests()).isEmpty();
      assertThat(http.get("/v1.2/images/mine:v1/json").status()).isEqualTo(404);
    }
  }

  @Test
  void two_daemons_from_one_builder_do_not_share_a_registry() {
    MockDocker.Builder builder = MockDocker.builder().fixtures(Fixtures.none());
    try (MockDocker first = builder.start(); MockDocker second = builder.start()) {
      first.registry().push("only-first", "latest", Fixed.image(Fixed.id('a'), "", 4096, "./a", "a\n"));
      assertThat(second.registry().tags("only-first")).isEmpty();
    }
  }

  @Test
  void reset_keeps_a_registry_given_to_the_builder() {
    Registry registry = new Registry().push("given", "latest", Fixed.image(Fixed.id('c'), "", 4096, "./g", "g\n"));
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).registry(registry).start()) {
      docker.reset();
      assertThat(docker.registry()).isSameAs(registry);
      assertThat(registry.tags("given")).contains(java.util.Map.of("latest", Fixed.id('c')));
    }
  }

  @Test
  void reset_after_close_is_refused() {
    MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).start();
    docker.close();
    assertThatThrownBy(docker::reset).isInstanceOf(IllegalStateException.class)
        .hasMessage("reset after close: " + docker);
  }

  @Test
  void what_the_builder_preloads_and_scripts_comes_back_after_a_reset_and_what_the_daemon_was_given_does_not() {
    TransferScript small = TransferScript.builder().chunkSize(4096).build();
    try (MockDocker docker = MockDocker.builder().preload("busybox:latest")
        .script(TransferMatch.pull("busybox"), small).start()) {
      docker.preload("mock/webapp");
      docker.script(TransferMatch.pull("other"), small);
      assertThat(Engines.of(docker).findImage("busybox:latest")).isPresent();
      assertThat(Engines.of(docker).findImage("mock/webapp")).isPresent();
      assertThat(Engines.of(docker).transferScripts()).map(TransferHandle::match)
          .containsExactly(TransferMatch.pull("busybox"), TransferMatch.pull("other"));

      docker.reset();

      assertThat(Engines.of(docker).findImage("busybox:latest")).isPresent();
      assertThat(Engines.of(docker).findImage("mock/webapp")).isEmpty();
      assertThat(Engines.of(docker).transferScripts()).map(TransferHandle::match)
          .containsExactly(TransferMatch.pull("busybox"));
    }
  }
}
