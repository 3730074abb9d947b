package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MockDockerTest
class NestedClassTest {
  static final AtomicReference<MockDocker> OUTER = new AtomicReference<>();

  @BeforeAll
  static void beforeAll(MockDocker docker) {
    OUTER.set(docker);
  }

  @Nested
  class Inner {
    @Test
    void a_nested_class_shares_the_daemon_of_its_enclosing_class(MockDocker docker) {
      assertThat(docker).isSameAs(OUTER.get());
    }
  }
}
