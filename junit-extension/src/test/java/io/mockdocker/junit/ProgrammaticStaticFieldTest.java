package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgrammaticStaticFieldTest {
  @RegisterExtension
  static MockDockerExtension extension = MockDockerExtension.newInstance()
      .daemon(MockDocker.builder().fixtures(Fixtures.none()).enableCors())
      .reset(ResetPolicy.NEVER)
      .build();

  static MockDocker fromBeforeAll;

  @BeforeAll
  static void beforeAll(MockDocker docker) {
    fromBeforeAll = docker;
  }

  @Test
  @Order(1)
  void the_daemon_is_configured_by_the_builder(MockDockerRuntimeInfo info) {
    var response = new Http(info.uri()).get("/v1.2/images/json");
    assertThat(response.body()).isEqualTo("[]");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  @Order(2)
  void every_test_of_the_class_shares_the_daemon_of_before_all(MockDocker docker) {
    assertThat(docker).isSameAs(fromBeforeAll);
    docker.journal().verify(1, "GET", "/images/json");
  }
}
