package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoDecoder;
import io.mockdocker.internal.http.JsonBodies;

/**
 * A request body read as the daemon's routers read one into a Go value: no body is no value, and otherwise a
 * malformed body or one of the wrong kind is a 400 {@code invalid JSON: …} with the decoder's text.
 */
final class ModernReadJson {
  private ModernReadJson() {}

  /** Reads a body meant for a struct ({@code list} false) or a slice of Go type {@code goType}; null when empty. */
  static JsonNode read(byte[] body, String goType, boolean list) {
    if (body.length == 0) {
      return null;
    }
    JsonNode node;
    try {
      node = GoDecoder.value(body);
    } catch (DockerException e) {
      throw new ApiError(400, e.getMessage().equals("EOF") ? "invalid JSON: got EOF while reading request body"
          : "invalid JSON: " + e.getMessage());
    }
    if (!node.isNull() && (list ? !node.isArray() : !node.isObject())) {
      throw new ApiError(400, "invalid JSON: json: cannot unmarshal " + JsonBodies.goType(node)
          + " into Go value of type " + goType);
    }
    return node;
  }
}
