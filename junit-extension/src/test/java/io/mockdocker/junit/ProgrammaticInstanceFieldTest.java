package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgrammaticInstanceFieldTest {
  /** The daemons the tests saw, in order: each test has its own instance, so this must be static. */
  static final List<MockDocker> SEEN = new CopyOnWriteArrayList<>();

  @RegisterExtension
  MockDockerExtension extension = MockDockerExtension.newInstance().build();

  @Test
  @Order(1)
  void a_test_gets_its_own_daemon(MockDocker docker) {
    SEEN.add(docker);
    assertThat(new Http(docker.uri()).post("/v1.2/images/base/tag?repo=mine&tag=v1").statusCode()).isEqualTo(201);
  }

  @Test
  @Order(2)
  void the_next_test_gets_another_daemon_without_the_first_ones_tag(MockDocker docker) {
    assertThat(SEEN).hasSize(1).doesNotContain(docker);
    assertThat(docker.port()).isNotEqualTo(SEEN.get(0).port());
    assertThat(docker.state().image("mine:v1")).isEmpty();
  }
}
