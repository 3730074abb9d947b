package io.mockdocker.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One request over a raw socket, reading every byte until the end of the stream or a failure. */
final class Wire {
  private Wire() {}

  /** What came back: the bytes, and how the stream ended ({@code null}: a normal end of stream). */
  record Received(byte[] bytes, IOException failure) {
    @Override
    public String toString() {
      return text() + (failure == null ? "" : " [" + failure + "]");
    }

    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    String head() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? t : t.substring(0, end);
    }

    String rawBody() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? "" : t.substring(end + 4);
    }

    /** The chunked body decoded as far as it is well formed. */
    String body() {
      String raw = rawBody();
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (true) {
        int eol = raw.indexOf("\r\n", i);
        if (eol < 0) {
          out.append(raw.substring(i));
          return out.toString();
        }
        int size;
        try {
          size = Integer.parseInt(raw.substring(i, eol), 16);
        } catch (NumberFormatException e) {
          return out.toString();
        }
        if (size == 0) {
          return out.toString();
        }
        int start = eol + 2;
        out.append(raw, start, Math.min(raw.length(), start + size));
        i = start + size + 2;
        if (i > raw.length()) {
          return out.toString();
        }
      }
    }

    boolean reset() {
      return failure != null && String.valueOf(failure.getMessage()).contains("reset");
    }
  }

  static Received post(URI base, String path) {
    return send(base, "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  static Received get(URI base, String path) {
    return send(base, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  static Received send(URI base, String request) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
      socket.setSoTimeout(20000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
        }
      } catch (IOException e) {
        return new Received(got.toByteArray(), e);
      }
      return new Received(got.toByteArray(), null);
    } catch (IOException e) {
      return new Received(got.toByteArray(), e);
    }
  }
}
