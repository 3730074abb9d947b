package io.mockdocker.scenarios;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A raw socket exchange, to see exactly what arrived before a connection broke. */
final class Raw {
  /** The bytes that arrived, and whether the connection ended with an error (a reset) rather than a clean close. */
  record Received(byte[] bytes, boolean reset) {
    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private Raw() {}

  static Received post(URI base, String path) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20000);
      s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return readAll(s.getInputStream());
    }
  }

  static Received get(URI base, String path) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return readAll(s.getInputStream());
    }
  }

  private static Received readAll(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
      return new Received(out.toByteArray(), false);
    } catch (IOException e) {
      return new Received(out.toByteArray(), true);
    }
  }
}
