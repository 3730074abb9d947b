package io.mockdocker.internal.engine;

import java.util.HexFormat;
import java.util.Random;

/** 64-hex identifiers: 32 random bytes, hex-encoded, as the daemon's GenerateID. */
public final class Ids {
  private static final HexFormat HEX = HexFormat.of();
  private final Random random;

  Ids(Random random) {
    this.random = random;
  }

  synchronized String next() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  /** The 12-character short form of an ID (shorter IDs are returned whole). */
  public static String shortId(String id) {
    return id.length() <= 12 ? id : id.substring(0, 12);
  }

  public static boolean isValid(String id) {
    if (id.length() != 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
