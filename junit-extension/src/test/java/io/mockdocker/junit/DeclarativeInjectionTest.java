package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MockDockerTest
class DeclarativeInjectionTest {
  /** The daemon {@code @BeforeAll} saw, to compare with what each test sees. */
  static final AtomicReference<MockDocker> BEFORE_ALL = new AtomicReference<>();

  final MockDockerRuntimeInfo fromConstructor;
  MockDocker fromBeforeEach;
  @InjectDocker MockDocker dockerField;
  @InjectDocker MockDockerRuntimeInfo infoField;
  MockDocker plainDockerField;
  @DockerHost URI uriField;
  @DockerHost String hostField;
  String plainField = "left alone";

  DeclarativeInjectionTest(MockDockerRuntimeInfo info) {
    this.fromConstructor = info;
  }

  @BeforeAll
  static void beforeAll(MockDocker docker) {
    BEFORE_ALL.set(docker);
  }

  @BeforeEach
  void beforeEach(MockDocker docker) {
    fromBeforeEach = docker;
  }

  @Test
  void runtime_info_describes_the_daemon_on_loopback(MockDockerRuntimeInfo info) {
    int port = info.port();
    assertThat(port).isPositive();
    assertThat(info.uri()).isEqualTo(URI.create("http://127.0.0.1:" + port));
    assertThat(info.url()).isEqualTo("http://127.0.0.1:" + port);
    assertThat(info.dockerHost()).isEqualTo("tcp://127.0.0.1:" + port);
    assertThat(info.daemon().port()).isEqualTo(port);
  }

  @Test
  void a_docker_host_string_and_a_docker_host_uri_are_both_the_http_address(
      @DockerHost String host, @DockerHost URI uri, MockDocker docker) {
    assertThat(host).isEqualTo("http://127.0.0.1:" + docker.port());
    assertThat(uri).isEqualTo(URI.create("http://127.0.0.1:" + docker.port()));
  }

  @Test
  void constructor_lifecycle_methods_fields_and_parameters_share_one_daemon(MockDocker docker) {
    assertThat(fromConstructor.daemon()).isSameAs(docker);
    assertThat(BEFORE_ALL.get()).isSameAs(docker);
    assertThat(fromBeforeEach).isSameAs(docker);
    assertThat(dockerField).isSameAs(docker);
    assertThat(infoField.daemon()).isSameAs(docker);
    assertThat(uriField).isEqualTo(docker.uri());
    assertThat(hostField).isEqualTo(docker.uri().toString());
    assertThat(plainField).isEqualTo("left alone");
    assertThat(plainDockerField).isNull();
  }

  @Test
  void the_daemon_answers_over_http_and_journals_the_request(MockDockerRuntimeInfo info) {
    var response = new Http(info.uri()).get("/v1.2/version");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"Version\":\"0.4.4\",\"GitCommit\":\"02f0c1e\",\"GoVersion\":\"go1.1.1\"}");
    info.daemon().journal().verify(1, "GET", "/version");
  }

  @ParameterizedTest
  @ValueSource(strings = "from the source")
  void strings_without_docker_host_are_left_to_other_resolvers(String value) {
    assertThat(value).isEqualTo("from the source");
  }
}
