package io.mockdocker.engine;

/**
 * Login against the fake index, following v0.4.4's auth.Login: registering a new account, or, when the username or
 * email exists, checking the password. Accounts made through login are usable at once.
 */
final class Logins {
  static final String SUCCEEDED = "Login Succeeded\n";
  static final String CREATED =
      "Account created. Please use the confirmation link we sent to your e-mail to activate it.\n";

  private Logins() {}

  static String login(Engine engine, AuthConfig given, boolean store) {
    AuthConfig auth = given;
    if (store) {
      AuthConfig stored = engine.storedAuth();
      if (auth.username().equals(stored.username())) {
        auth = new AuthConfig(auth.username(), stored.password(), auth.email());
      }
    }
    Registry registry = engine.registry;
    String status;
    synchronized (registry) {
      Registry.Account account = registry.account(auth.username());
      boolean exists = account != null || (!auth.email().isEmpty() && registry.emailTaken(auth.email()));
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
          engine.storeAuth(auth);
        }
        throw new DockerException("Wrong login/password, please try again");
      }
    }
    if (store) {
      engine.storeAuth(auth);
    }
    return status;
  }
}
