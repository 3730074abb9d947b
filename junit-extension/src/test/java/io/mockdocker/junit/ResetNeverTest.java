package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@MockDockerTest(reset = ResetPolicy.NEVER)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetNeverTest {

  @Test
  @Order(1)
  void a_test_tags_an_image(MockDocker docker) {
    assertThat(new Http(docker.uri()).post("/v1.2/images/base/tag?repo=kept&tag=v1").statusCode()).isEqualTo(201);
  }

  @Test
  @Order(2)
  void the_next_test_still_sees_the_tag_and_the_request(MockDocker docker) {
    assertThat(docker.state().image("kept:v1")).isPresent();
    docker.journal().verify(1, "POST", "/images/base/tag");
  }
}
