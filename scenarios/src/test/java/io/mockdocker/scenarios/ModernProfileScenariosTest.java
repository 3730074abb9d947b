package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The shipped scenarios under the modern profile: the same breakage, in the modern daemon's wording. */
class ModernProfileScenariosTest {
  static final String PULL = "/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest";

  @Nested
  @MockDockerTest(profile = MockDockerTest.Profile.MODERN, scenarios = "create-fails-500")
  class CreateFails500 {
    @Test
    void create_answers_500_with_a_json_message(MockDockerRuntimeInfo info) {
      var create = new Http(info.uri()).post("/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
      assertThat(create.statusCode()).isEqualTo(500);
      assertThat(create.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(create.body()).isEqualTo("{\"message\":\"Cannot create container: no space left on device\"}\n");
      assertThat(info.daemon().state().containers()).isEmpty();
    }
  }

  @Nested
  @MockDockerTest(profile = MockDockerTest.Profile.MODERN, scenarios = "disk-full-during-pull")
  class DiskFullDuringPull {
    @Test
    void the_pull_ends_with_an_error_detail_line_inside_its_200(MockDockerRuntimeInfo info) {
      var pull = new Http(info.uri()).post(PULL);
      assertThat(pull.statusCode()).isEqualTo(200);
      String message = "write /var/lib/docker/graph/_tmp/layer.tar: no space left on device";
      assertThat(pull.body()).startsWith("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}\r\n")
          .contains("\"status\":\"Downloading\",\"progressDetail\":{\"current\":")
          .endsWith("{\"errorDetail\":{\"message\":\"" + message + "\"},\"error\":\"" + message + "\"}\r\n");
      assertThat(info.daemon().state().image("busybox")).isEmpty();
    }
  }

  @Nested
  @MockDockerTest(profile = MockDockerTest.Profile.MODERN, scenarios = "flaky-registry")
  class FlakyRegistry {
    @Test
    void the_third_pull_is_reset_mid_layer(MockDockerRuntimeInfo info) throws Exception {
      assertThat(new RawHttp(info.uri())
          .receive("POST", "/v1.50/images/create?fromImage=ubuntu&tag=latest").failed()).isFalse();
      assertThat(new RawHttp(info.uri())
          .receive("POST", "/v1.50/images/create?fromImage=mock/webapp&tag=latest").failed()).isFalse();
      RawHttp.Received third = new RawHttp(info.uri()).receive("POST", PULL);
      assertThat(third.failed()).isTrue();
      assertThat(third.text()).startsWith("HTTP/1.1 200 OK\r\n").contains("Pulling fs layer")
          .doesNotContain("Pull complete");
    }
  }
}
