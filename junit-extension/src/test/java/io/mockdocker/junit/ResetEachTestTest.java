package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@MockDockerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetEachTestTest {
  MockDocker first;
  int firstPort;

  @Test
  @Order(1)
  void a_test_tags_an_image(MockDocker docker) {
    first = docker;
    firstPort = docker.port();
    assertThat(new Http(docker.uri()).post("/v1.2/images/base/tag?repo=mine&tag=v1").statusCode()).isEqualTo(201);
    assertThat(docker.state().image("mine:v1")).isPresent();
  }

  @Test
  @Order(2)
  void the_next_test_gets_the_same_daemon_back_at_its_fixtures(MockDocker docker) {
    assertThat(docker).isSameAs(first);
    assertThat(docker.port()).isEqualTo(firstPort);
    assertThat(docker.state().image("mine:v1")).isEmpty();
    assertThat(docker.state().image("base")).isPresent();
    assertThat(docker.journal().requests()).isEmpty();
    assertThat(new Http(docker.uri()).get("/v1.2/images/mine:v1/json").statusCode()).isEqualTo(404);
  }
}
