package io.mockdocker.testing;

import io.mockdocker.registry.RemoteImage;
import java.util.Map;
import java.util.TreeMap;

/** Test data with sizes known by hand. */
public final class Fixed {
  private Fixed() {}

  /** A 64-hex ID made of one repeated character, e.g. {@code id('a')}. */
  public static String id(char c) {
    return String.valueOf(c).repeat(64);
  }

  /** A valid tar of these files, zero-padded to exactly {@code length} bytes. */
  public static byte[] tar(int length, Map<String, String> files) {
    Tars tar = Tars.compact();
    new TreeMap<>(files).forEach(tar::file);
    return tar.bytes(length);
  }

  /** A tar of these files in name order, in 512-byte records. */
  public static byte[] tar(Map<String, String> files) {
    Tars tar = Tars.compact();
    new TreeMap<>(files).forEach(tar::file);
    return tar.bytes();
  }

  /** A registry image whose layer tar is exactly {@code layerLength} bytes holding one file. */
  public static RemoteImage image(String id, String parent, int layerLength, String file, String content) {
    return RemoteImage.builder(id).parent(parent).layerTar(tar(layerLength, Map.of(file, content))).build();
  }
}
