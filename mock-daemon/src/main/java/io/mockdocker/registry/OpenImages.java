package io.mockdocker.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/** The images an open registry makes up for references it does not hold. */
final class OpenImages {
  private OpenImages() {}

  /** The same 64 hex characters for the same reference, on every run. */
  static String id(String repository, String tag) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("mock-docker open registry " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static RemoteImage image(String id, String repository, String tag) {
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    Config config = Config.builder().cmd(List.of("sleep", "2147483647")).build();
    return RemoteImage.builder(id)
        .created(OffsetDateTime.parse("2024-01-01T00:00:00Z"))
        .comment("made up by mock-docker's open registry for " + repository + ":" + tag)
        .dockerVersion("28.2.2")
        .architecture("amd64")
        .config(config)
        .containerConfig(config)
        .file("/bin/busybox", 102400)
        .file("/bin/sh", 2048)
        .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        .file("/etc/hostname", name + "\n")
        .directory("/tmp")
        .directory("/root")
        .build();
  }
}
