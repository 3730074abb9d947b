package io.mockdocker.internal.engine;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;

/**
 * Login against the fake index, following v0.4.4's auth.Login: registering a new account, or, when the username or
 * email exists, checking the password. Accounts made through login are usable at once.
 */
final class Logins {
  static final String SUCCEEDED = "Login Succeeded\n";
  static final String CREATED =
      "Account created. Please use the confirmation link we sent to your e-mail to activate it.\n";

  private final Registry registry;
  private AuthConfig storedAuth;

  Logins(Registry registry) {
    this.registry = registry;
  }

  /** The credentials a storing login kept (API 1.0/1.1), or empty strings. */
  synchronized AuthConfig storedAuth() {
    return storedAuth == null ? AuthConfig.EMPTY : storedAuth;
  }

  private synchronized void storeAuth(AuthConfig auth) {
    storedAuth = auth.email().isEmpty() ? null : auth;
  }

  String login(AuthConfig given, boolean store) {
    AuthConfig auth = given;
    if (store) {
      AuthConfig stored = storedAuth();
      if (auth.username().equals(stored.username())) {
        auth = new AuthConfig(auth.username(), stored.password(), auth.email());
      }
    }
    String status;
    synchronized (registry) {
      Registry.Account account = RegistryAccess.account(registry, auth.username());
      boolean exists = account != null || (!auth.email().isEmpty() && RegistryAccess.emailTaken(registry, auth.email()));
      if (!exists) {
        if (auth.username().isEmpty() || auth.password().isEmpty() || auth.email().isEmpty()) {
          throw new DockerException("Registration: \"Username, password and email are required\"");
        }
        registry.account(auth.username(), auth.password(), auth.email());
        status = CREATED;
      } else if (account != null && account.password().equals(auth.password())) {
        status = SUCCEEDED;
      } else {
        if (store) {
          storeAuth(auth);
        }
        throw new DockerException("Wrong login/password, please try again");
      }
    }
    if (store) {
      storeAuth(auth);
    }
    return status;
  }
}
