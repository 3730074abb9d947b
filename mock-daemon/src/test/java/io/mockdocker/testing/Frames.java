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

  /** The payloads of multiplexed frames, both streams in order, as text (what a log shows). */
  public static String payloads(byte[] body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 8 <= body.length; ) {
      int len = ((body[i + 4] & 0xff) << 24) | ((body[i + 5] & 0xff) << 16) | ((body[i + 6] & 0xff) << 8)
          | (body[i + 7] & 0xff);
      out.append(new String(body, i + 8, len, StandardCharsets.UTF_8));
      i += 8 + len;
    }
    return out.toString();
  }
}
