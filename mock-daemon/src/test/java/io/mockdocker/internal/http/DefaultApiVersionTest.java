package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** A path without {@code /vX.Y} is served as the profile's default version, also when that is an older era one. */
class DefaultApiVersionTest {
  static final String EMPTY_AUTH = "{\"username\":\"\",\"password\":\"\",\"email\":\"\"}";
  static final String IMAGE = Fixed.id('7');

  MockDocker docker;
  RawHttp http;

  void start(ApiProfile profile) {
    docker = MockDocker.builder().fixtures(Fixtures.none()).profile(profile).start();
    http = new RawHttp(docker.uri());
    docker.registry().image(RemoteImage.builder(IMAGE).file("/f", "x").build());
    Engines.of(docker).pull(IMAGE, "", Registry.DEFAULT_ENDPOINT, ProgressSink.NONE);
    Engines.of(docker).tag(IMAGE, "kept", "latest");
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  @Test
  void the_era_profile_with_default_1_1_serves_bare_paths_as_1_1() {
    start(ApiProfile.era().withDefaultVersion("1.1"));
    Response auth = http.get("/auth");
    assertThat(auth.status()).isEqualTo(200);
    assertThat(auth.text()).isEqualTo(EMPTY_AUTH);
    Response delete = http.delete("/images/kept");
    assertThat(delete.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
    assertThat(delete.body()).isEmpty();
    // 1.1 deleted the layer only: the tag is left behind
    assertThat(Engines.of(docker).repositories()).containsKey("kept");
    assertThat(http.get("/v1.2/auth").status()).isEqualTo(404);
  }

  @Test
  void the_era_profile_with_default_1_0_serves_bare_paths_as_1_0() {
    start(ApiProfile.era().withDefaultVersion("1.0"));
    assertThat(http.get("/auth").text()).isEqualTo(EMPTY_AUTH);
  }

  @Test
  void the_era_profile_still_defaults_to_1_2() {
    start(ApiProfile.era());
    Response auth = http.get("/auth");
    assertThat(auth.status()).isEqualTo(404);
    assertThat(auth.body()).isEmpty();
    Response delete = http.delete("/images/kept");
    assertThat(delete.status()).isEqualTo(200);
    assertThat(delete.text()).contains("\"Untagged\"");
  }

  @Test
  void the_all_profile_with_default_1_1_sends_bare_paths_to_the_era_view_as_1_1() {
    start(ApiProfile.all().withDefaultVersion("1.1"));
    assertThat(http.get("/auth").text()).isEqualTo(EMPTY_AUTH);
    assertThat(http.get("/v1.2/auth").status()).isEqualTo(404);
  }
}
