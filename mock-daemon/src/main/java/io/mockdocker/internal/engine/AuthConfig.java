package io.mockdocker.internal.engine;

/** Registry credentials, the era's {@code AuthConfig}. Empty strings when absent. */
public record AuthConfig(String username, String password, String email) {
  public static final AuthConfig EMPTY = new AuthConfig("", "", "");

  public AuthConfig {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    email = email == null ? "" : email;
  }

  @Override
  public String toString() {
    return "AuthConfig[username=" + username + ", email=" + email + "]";
  }
}
