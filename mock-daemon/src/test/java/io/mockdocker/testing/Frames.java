package io.mockdocker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The bytes of multiplexed (stdcopy) streams, built by hand to compare with what arrived. */
public final class Frames {
  private Frames() {}

  /** One stdcopy frame: the stream (1 stdout, 2 stderr), three zeros, the big-endian length, the payload. */
  public static byte[] frame(int stream, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    byte[] f = new byte[8 + p.length];
    f[0] = (byte) stream;
    f[4] = (byte) (p.length >>> 24);
    f[5] = (byte) (p.length >>> 16);
    f[6] = (byte) (p.length >>> 8);
    f[7] = (byte) p.length;
    System.arraycopy(p, 0, f, 8, p.length);
    return f;
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
