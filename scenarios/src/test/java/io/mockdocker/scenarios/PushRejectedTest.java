package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.Test;

/** Scenario {@code push-rejected}: the index knows no account, so a push fails inside its stream. */
@MockDockerTest(scenarios = "push-rejected")
class PushRejectedTest {

  @Test
  void a_push_ends_with_the_index_401_after_sending_the_image_list(MockDockerRuntimeInfo info) {
    Http http = new Http(info.uri());
    http.post("/v1.2/images/base/tag?repo=mock/base");
    var push = http.post("/v1.2/images/mock/base/push",
        "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}");
    assertThat(push.statusCode()).isEqualTo(200);
    assertThat(push.body()).isEqualTo(
        "{\"status\":\"The push refers to a repository [mock/base] (len: 1)\"}"
            + "{\"status\":\"Processing checksums\"}{\"status\":\"Sending image list\"}"
            + "{\"error\":\"Error: Status 401 trying to push repository mock/base: {\\\"error\\\": \\\"Unauthorized\\\"}\"}");
  }
}
