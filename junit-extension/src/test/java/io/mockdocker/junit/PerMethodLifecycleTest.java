package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@MockDockerTest(lifecycle = MockDockerTest.Lifecycle.PER_METHOD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerMethodLifecycleTest {
  MockDocker first;

  @Test
  @Order(1)
  void a_test_gets_a_daemon_and_tags_an_image(MockDocker docker) {
    first = docker;
    assertThat(new Http(docker.uri()).post("/v1.2/images/base/tag?repo=mine&tag=v1").statusCode()).isEqualTo(201);
  }

  @Test
  @Order(2)
  void the_next_test_gets_a_new_daemon_and_the_old_one_is_closed(MockDocker docker) {
    assertThat(docker).isNotSameAs(first);
    assertThat(docker.port()).isNotEqualTo(first.port());
    assertThat(docker.state().image("mine:v1")).isEmpty();
    assertThatThrownBy(() -> new Http(first.uri()).get("/v1.2/version"))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
  }
}
