package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import org.junit.jupiter.api.Test;

@MockDockerTest(lifecycle = MockDockerTest.Lifecycle.PER_METHOD)
class PerMethodConstructorInjectionTest {
  final MockDocker fromConstructor;

  PerMethodConstructorInjectionTest(MockDocker docker) {
    this.fromConstructor = docker;
  }

  @Test
  void the_constructor_gets_the_daemon_of_the_test_it_is_built_for(MockDocker docker) {
    assertThat(fromConstructor).isSameAs(docker);
  }
}
