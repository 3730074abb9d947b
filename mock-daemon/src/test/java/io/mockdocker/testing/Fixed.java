package io.mockdocker.testing;

import io.mockdocker.engine.RemoteImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Test data with sizes known by hand. */
public final class Fixed {
  private Fixed() {}

  /** A 64-hex ID made of one repeated character, e.g. {@code id('a')}. */
  public static String id(char c) {
    return String.valueOf(c).repeat(64);
  }

  /** A valid tar of these files, zero-padded to exactly {@code length} bytes. */
  public static byte[] tar(int length, Map<String, String> files) {
    byte[] tar = tar(files);
    if (tar.length > length) {
      throw new IllegalArgumentException("tar is already " + tar.length + " bytes");
    }
    return Arrays.copyOf(tar, length);
  }

  public static byte[] tar(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, 512)) {
      for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(content.length);
        out.putArchiveEntry(e);
        out.write(content);
        out.closeArchiveEntry();
      }
      out.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A registry image whose layer tar is exactly {@code layerLength} bytes holding one file. */
  public static RemoteImage image(String id, String parent, int layerLength, String file, String content) {
    return RemoteImage.builder(id).parent(parent).layerTar(tar(layerLength, Map.of(file, content))).build();
  }
}
