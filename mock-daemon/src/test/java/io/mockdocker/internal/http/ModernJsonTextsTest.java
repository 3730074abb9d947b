package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.ApiProfile;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A malformed modern body is refused in the words of Go's JSON decoder, as docker 28 refused it; no text of a Java
 * library reaches the client, and bytes that are not UTF-8 inside a string are read as Go read them.
 */
class ModernJsonTextsTest {
  static final String JSON = "application/json";
  static final List<String> BODY_PATHS = List.of("/v1.50/containers/create", "/v1.50/networks/create",
      "/v1.50/volumes/create", "/v1.50/auth", "/v1.50/swarm/init");

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults())
      .profile(ApiProfile.modern()));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"Image\":\"a\\u0000\"}     | invalid character '\\x00' in string literal",
      "{\"Image\":\"a\\u0009\"}     | invalid character '\\t' in string literal",
      "\\u00ff{}                   | invalid character 'ÿ' looking for beginning of value",
      "{\"a\" 1}                   | invalid character '1' after object key",
      "{\"a\":1 \"b\":2}           | invalid character '\"' after object key:value pair",
      "{a:1}                      | invalid character 'a' looking for beginning of object key string",
      "[1 2]                      | invalid character '2' after array element",
      "{\"a\":tru}                 | invalid character '}' in literal true (expecting 'e')",
      "{\"a\":nul1}                | invalid character '1' in literal null (expecting 'l')",
      "{\"a\":-x}                  | invalid character 'x' in numeric literal",
      "{\"a\":1.}                  | invalid character '}' after decimal point in numeric literal",
      "{\"a\":1e+}                 | invalid character '}' in exponent of numeric literal",
      "{\"a\":\"\\q\"}             | invalid character 'q' in string escape code",
      "{\"a\":\"\\u12x4\"}         | invalid character 'x' in \\u hexadecimal character escape",
      "{\"a\":'b'}                 | invalid character '\\'' looking for beginning of value",
      "{\"a\":[1,                  | unexpected EOF",
  })
  void every_body_endpoint_answers_go_s_decoder_text(String body, String text) {
    byte[] bytes = decode(body.strip());
    for (String path : BODY_PATHS) {
      RawHttp.Response r = daemon.http().post(path, JSON, bytes);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(message(r)).as(path).isEqualTo("invalid JSON: " + text);
    }
  }

  @Test
  void bytes_that_are_not_utf8_inside_a_string_are_accepted_as_go_accepted_them() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"Image\":\"base\",\"Cmd\":[\"true\"],\"Labels\":{\"k\":\"".getBytes(StandardCharsets.UTF_8));
    body.write(0xff);
    body.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
    RawHttp.Response created = daemon.http().post("/v1.50/containers/create", JSON, body.toByteArray());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.text().strip().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
    assertThat(daemon.http().get("/v1.50/containers/" + id + "/json").text()).contains("\"Labels\":{\"k\":\"\\ufffd\"}");
  }

  @Test
  void a_malformed_filter_is_just_invalid_filter() {
    RawHttp.Response r = daemon.http().get("/v1.50/containers/json?filters=%7Bx");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo("{\"message\":\"invalid filter\"}\n");
    RawHttp.Response images = daemon.http().get("/v1.50/images/json?filters=%5B%00");
    assertThat(images.text()).isEqualTo("{\"message\":\"invalid filter\"}\n");
  }

  @Test
  void go_s_character_quoting() {
    assertThat(GoDecoder.quote(0)).isEqualTo("'\\x00'");
    assertThat(GoDecoder.quote('\n')).isEqualTo("'\\n'");
    assertThat(GoDecoder.quote('\'')).isEqualTo("'\\''");
    assertThat(GoDecoder.quote('"')).isEqualTo("'\"'");
    assertThat(GoDecoder.quote('\\')).isEqualTo("'\\\\'");
    assertThat(GoDecoder.quote(0x7f)).isEqualTo("'\\x7f'");
    assertThat(GoDecoder.quote(0xa0)).isEqualTo("'\\u00a0'");
    assertThat(GoDecoder.quote(0xc3)).isEqualTo("'Ã'");
  }

  /** The test's notation: {@code \\u00XX} is the byte XX; everything else is UTF-8. */
  static byte[] decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("\\u00", i) && i + 6 <= s.length() && s.substring(i + 4, i + 6).matches("[0-9a-f]{2}")) {
        out.write(Integer.parseInt(s.substring(i + 4, i + 6), 16));
        i += 5;
      } else {
        out.writeBytes(String.valueOf(s.charAt(i)).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  /** The error body's {@code message}, decoded. */
  static String message(RawHttp.Response r) {
    try {
      return new ObjectMapper().readTree(r.body()).get("message").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(r.text(), e);
    }
  }
}
