package io.mockdocker.internal.http.era;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.AuthConfig;
import io.mockdocker.internal.http.JsonBodies;

/** The era's lower-case auth JSON: {@code {"username","password","email"}}. */
final class AuthJson {
  private AuthJson() {}

  static AuthConfig read(ObjectNode o) {
    return new AuthConfig(JsonBodies.string(o, "username", "string"), JsonBodies.string(o, "password", "string"),
        JsonBodies.string(o, "email", "string"));
  }
}
