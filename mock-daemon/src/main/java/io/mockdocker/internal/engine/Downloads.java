package io.mockdocker.internal.engine;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;

/** What the daemon's utils.Download saw, served by the registry's URL map. */
final class Downloads {
  private Downloads() {}

  static byte[] get(Registry registry, String url) {
    byte[] bytes = RegistryAccess.download(registry, url);
    if (bytes == null) {
      throw new DockerException("Got HTTP status code >= 400: 404 Not Found");
    }
    return bytes;
  }
}
