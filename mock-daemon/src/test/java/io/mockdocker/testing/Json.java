package io.mockdocker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON for tests: parse an answer, read one field, create a container and get its ID. */
public final class Json {
  /** A plain mapper, for tests that build or read documents themselves. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode tree(RawHttp.Response r) {
    return tree(r.body());
  }

  public static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a top-level field, e.g. {@code field(body, "Id")}. */
  public static String field(String json, String name) {
    return tree(json).get(name).asText();
  }

  /** Posts {@code body} to {@code path} (a {@code /containers/create} URL), requires 201 and returns the ID. */
  public static String create(RawHttp http, String path, String body) {
    RawHttp.Response r = http.post(path, "application/json", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return tree(r).get("Id").asText();
  }

  /** The same through java.net.http: requires 201 and returns the ID. */
  public static String create(Http http, String path, String body) {
    java.net.http.HttpResponse<String> r = http.post(path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return field(r.body(), "Id");
  }
}
