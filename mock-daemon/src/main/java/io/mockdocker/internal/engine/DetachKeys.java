package io.mockdocker.internal.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The key sequence that ends an attach or an exec stream with a TTY without stopping the process: {@code ctrl-p,
 * ctrl-q} unless the client names its own, as comma-separated keys (one character, {@code ctrl-@} to {@code ctrl-_}
 * or {@code DEL}).
 */
public final class DetachKeys {
  /** {@code ctrl-p,ctrl-q}. */
  static final byte[] DEFAULT = {16, 17};

  private static final String CONTROLS = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

  private DetachKeys() {}

  /**
   * The bytes {@code keys} names ({@code ""}: none, the default applies); {@code null} when a key is not one the
   * daemon knows.
   */
  public static byte[] parse(String keys) {
    if (keys == null || keys.isEmpty()) {
      return new byte[0];
    }
    String[] parts = keys.split(",", -1);
    byte[] codes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String key = parts[i];
      if (key.length() == 1) {
        codes[i] = (byte) key.charAt(0);
      } else if (key.equals("DEL")) {
        codes[i] = 127;
      } else if (key.length() == 6 && key.startsWith("ctrl-") && CONTROLS.indexOf(key.charAt(5)) >= 0) {
        codes[i] = (byte) CONTROLS.indexOf(key.charAt(5));
      } else {
        return null;
      }
    }
    return codes;
  }

  /**
   * Wraps a client's input: bytes pass through until the whole sequence arrives, which (with the bytes before it)
   * ends the input and runs {@code onDetach}; a partial match is held back until it either completes or turns out
   * to be ordinary input.
   */
  static InputStream watch(InputStream in, byte[] keys, Runnable onDetach) {
    byte[] sequence = keys == null || keys.length == 0 ? DEFAULT : keys;
    return new FilterInputStream(in) {
      private int matched;
      private boolean detached;
      private byte[] pending = new byte[0];

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
          if (pending.length > 0) {
            int n = Math.min(len, pending.length);
            System.arraycopy(pending, 0, b, off, n);
            pending = Arrays.copyOfRange(pending, n, pending.length);
            return n;
          }
          if (detached) {
            return -1;
          }
          byte[] buf = new byte[Math.max(len, 1)];
          int n = in.read(buf, 0, buf.length);
          if (n < 0) {
            return -1;
          }
          java.io.ByteArrayOutputStream passed = new java.io.ByteArrayOutputStream();
          for (int i = 0; i < n; i++) {
            if (buf[i] == sequence[matched]) {
              matched++;
              if (matched == sequence.length) {
                detached = true;
                onDetach.run();
                break;
              }
              continue;
            }
            passed.write(sequence, 0, matched); // a partial match that was ordinary input after all
            matched = 0;
            passed.write(buf[i]); // as the daemon's proxy, not tried as the start of a new match
          }
          pending = passed.toByteArray();
        }
      }
    };
  }
}
