package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.Test;

/** Scenario {@code image-missing-from-registry}: the registry has no busybox. */
@MockDockerTest(scenarios = "image-missing-from-registry")
class ImageMissingFromRegistryTest {

  @Test
  void pulling_busybox_is_a_200_with_the_index_404_inside_the_stream(MockDockerRuntimeInfo info) {
    Http http = new Http(info.uri());
    var pull = http.post("/v1.2/images/create?fromImage=busybox");
    assertThat(pull.statusCode()).isEqualTo(200);
    assertThat(pull.body()).isEqualTo(
        "{\"status\":\"Pulling repository busybox from https://index.docker.io/v1\"}{\"error\":\"HTTP code: 404\"}");
  }

  @Test
  void creating_a_busybox_container_is_404_no_such_image(MockDockerRuntimeInfo info) {
    var create = new Http(info.uri()).post("/v1.2/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    assertThat(create.statusCode()).isEqualTo(404);
    assertThat(create.body()).isEqualTo("No such image: busybox\n");
  }
}
