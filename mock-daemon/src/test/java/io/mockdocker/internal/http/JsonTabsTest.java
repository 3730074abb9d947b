package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tab in a string the user set, as each view's Go release wrote it: docker 28's encoder writes {@code \t} (and
 * {@code \b}, {@code \f} short, U+2028 escaped), the era's Go 1.1 wrote {@code \u0009}.
 */
class JsonTabsTest {
  @RegisterExtension
  final Daemon era = Daemon.with(b -> b.fixtures(Fixtures.defaults()).preload("busybox:latest"));
  @RegisterExtension
  final Daemon modern = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
      .preload("busybox:latest"));

  @Test
  void the_modern_view_writes_a_tab_in_short_form() {
    String id = Json.create(modern.http(), "/v1.50/containers/create",
        "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"a\\tb\\bc\\fd\\u0001e\\u2028f<g\"],\"Labels\":{\"k\":\"x\\ty\"}}");
    Response inspect = modern.http().get("/v1.50/containers/" + id + "/json");
    assertThat(inspect.text())
        .contains("\"Args\":[\"a\\tb\\bc\\fd\\u0001e\\u2028f\\u003cg\"]")
        .contains("\"k\":\"x\\ty\"")
        .doesNotContain("\\u0009");
  }

  @Test
  void the_era_view_writes_a_tab_as_a_unicode_escape() {
    String id = Json.create(era.http(), "/v1.2/containers/create",
        "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"a\\tb\\bc\\nd\"]}");
    Response inspect = era.http().get("/v1.2/containers/" + id + "/json");
    assertThat(inspect.text())
        .contains("\"Args\":[\"a\\u0009b\\u0008c\\nd\"]")
        .doesNotContain("\\t");
  }
}
