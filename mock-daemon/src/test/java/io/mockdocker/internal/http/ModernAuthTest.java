package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Modern POST /auth: the fixtures' account logs in on any server address; nothing else does. */
class ModernAuthTest {
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  @Test
  void good_credentials_log_in_on_a_registry_host() {
    Response r = http.post("/v1.50/auth", "application/json",
        "{\"username\":\"mock\",\"password\":\"mock\",\"serveraddress\":\"localhost:5000\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}\n");
  }

  @Test
  void docker_javas_nulls_are_absent() {
    Response r = http.post("/auth", "application/json", "{\"username\":\"mock\",\"password\":\"mock\",\"email\":null,"
        + "\"serveraddress\":\"https://index.docker.io/v1/\",\"auth\":null,\"registrytoken\":null,"
        + "\"identitytoken\":null,\"stackOrchestrator\":null}");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void bad_credentials_are_401_unauthorized_and_register_nobody() {
    Response r = http.post("/v1.50/auth", "application/json",
        "{\"username\":\"mock\",\"password\":\"wrong\",\"serveraddress\":\"localhost:5000\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text()).isEqualTo(
        "{\"message\":\"Get \\\"https://localhost:5000/v2/\\\": unauthorized: incorrect username or password\"}\n");
    Response unknown = http.post("/auth", "application/json",
        "{\"username\":\"newbie\",\"password\":\"pw\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.text()).contains("https://registry-1.docker.io/v2/");
    assertThat(docker.registry().accounts()).extracting(a -> a.username()).containsExactly("mock");
  }
}
