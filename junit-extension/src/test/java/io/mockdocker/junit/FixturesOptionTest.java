package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each nested class declares its own daemon. */
class FixturesOptionTest {

  @Nested
  @MockDockerTest(fixtures = MockDockerTest.NONE)
  class WithoutFixtures {
    @Test
    void the_daemon_has_no_images_and_an_empty_registry(MockDockerRuntimeInfo info) {
      assertThat(new Http(info.uri()).get("/v1.2/images/json").body()).isEqualTo("[]");
      assertThat(info.daemon().registry().repositoryNames()).isEmpty();
    }
  }

  @Nested
  @MockDockerTest(fixtures = "tiny-fixtures.json")
  class FromAResourceNextToTheTestClass {
    @Test
    void the_registry_holds_what_the_resource_declares_and_nothing_is_local(MockDocker docker) {
      assertThat(docker.registry().repositoryNames()).containsExactly("tiny");
      assertThat(docker.state().images()).isEmpty();
    }
  }

  @Nested
  @MockDockerTest(cors = true)
  class WithCors {
    @Test
    void routed_responses_carry_the_cors_headers(MockDockerRuntimeInfo info) {
      var response = new Http(info.uri()).get("/v1.2/version");
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(info.daemon().registry().repositoryNames()).contains("busybox");
    }
  }

  @Nested
  @MockDockerTest(release = "0.4.0", fixtures = MockDockerTest.NONE)
  class WithAnOlderRelease {
    @Test
    void the_daemon_plays_docker_0_4_0_and_serves_api_1_1_at_most(MockDockerRuntimeInfo info) {
      Http http = new Http(info.uri());
      assertThat(http.get("/version").body()).startsWith("{\"Version\":\"0.4.0\",");
      assertThat(http.get("/v1.1/version").statusCode()).isEqualTo(200);
      assertThat(http.get("/v1.2/version").statusCode()).isEqualTo(404);
      assertThat(info.daemon().release()).isEqualTo(io.mockdocker.EraRelease.V0_4_0);
    }
  }

  @Nested
  @MockDockerTest(profile = MockDockerTest.Profile.MODERN, fixtures = MockDockerTest.NONE)
  class WithTheModernProfile {
    @Test
    void bare_paths_and_ping_speak_api_1_50(MockDockerRuntimeInfo info) {
      var ping = new Http(info.uri()).get("/_ping");
      assertThat(ping.headers().firstValue("Api-Version")).hasValue("1.50");
      assertThat(new Http(info.uri()).get("/v1.2/version").statusCode()).isEqualTo(400);
      assertThat(info.daemon().profile()).isEqualTo(io.mockdocker.ApiProfile.modern());
    }
  }

  @Nested
  @MockDockerTest(fixtures = MockDockerTest.NONE)
  class WithTheDefaultProfile {
    @Test
    void the_era_is_served(MockDockerRuntimeInfo info) {
      assertThat(new Http(info.uri()).get("/_ping").headers().firstValue("Api-Version")).hasValue("1.2");
    }
  }

  @Nested
  @MockDockerTest(profile = MockDockerTest.Profile.MODERN, registry = MockDockerTest.Registry.OPEN)
  class WithAnOpenRegistry {
    @Test
    void any_reference_pulls(MockDockerRuntimeInfo info) {
      info.daemon().preload("postgres:16");
      assertThat(info.daemon().state().image("postgres:16")).isPresent();
    }
  }

  @Nested
  @MockDockerTest(profile = MockDockerTest.Profile.MODERN)
  class WithTheDefaultRegistry {
    @Test
    void an_unknown_reference_does_not_pull(MockDockerRuntimeInfo info) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> info.daemon().preload("postgres:16"))
          .hasMessage("HTTP code: 404");
    }
  }
}
