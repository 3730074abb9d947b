package io.mockdocker.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The client every benchmark uses against every server: one plain socket, HTTP/1.1 keep-alive, one request in flight
 * (no pipelining), the request bytes encoded once per path, the response head parsed byte by byte and the body read by
 * {@code Content-Length} or chunks. It costs a few microseconds a request and costs the same whoever answers, so that
 * the ratios between servers are the servers' own (a java.net.http client adds its async machinery to every call).
 */
final class RawHttp implements Closeable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String hostHeader;
  private final Map<String, byte[]> requests = new HashMap<>();
  private int status;
  private long bodyBytes;

  private RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(60_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    hostHeader = "127.0.0.1:" + port;
  }

  static RawHttp connect(int port) throws IOException {
    return new RawHttp(port);
  }

  /** One request on a fresh connection, closed afterwards; the body. */
  static byte[] once(int port, String method, String path) throws IOException {
    try (RawHttp http = connect(port)) {
      return http.send(method, path, true);
    }
  }

  byte[] get(String path) throws IOException {
    return send("GET", path, true);
  }

  /** Sends a request and reads the whole response; the body, or only its length (see {@link #bodyBytes()}). */
  byte[] send(String method, String path, boolean keepBody) throws IOException {
    byte[] request = requests.computeIfAbsent(method + " " + path, k -> (k + " HTTP/1.1\r\nHost: " + hostHeader
        + "\r\nUser-Agent: mock-docker-bench\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(request);
    out.flush();
    return readResponse(keepBody);
  }

  int status() {
    return status;
  }

  /** The body length of the last response. */
  long bodyBytes() {
    return bodyBytes;
  }

  private byte[] readResponse(boolean keepBody) throws IOException {
    String statusLine = line();
    if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
    bodyBytes = 0;
    if (chunked) {
      for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
          size = Long.parseLong(line().split(";")[0].trim(), 16)) {
        copy(size, body);
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length >= 0) {
      copy(length, body);
    } else {
      copy(Long.MAX_VALUE, body);  // delimited by the close
    }
    return keepBody ? body.toByteArray() : null;
  }

  private final byte[] buffer = new byte[64 * 1024];

  private void copy(long length, ByteArrayOutputStream body) throws IOException {
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        if (length == Long.MAX_VALUE) {
          return;
        }
        throw new IOException("connection closed with " + left + " body bytes to go");
      }
      if (body != null) {
        body.write(buffer, 0, n);
      }
      bodyBytes += n;
      left -= n;
    }
  }

  private final StringBuilder line = new StringBuilder();

  private String line() throws IOException {
    line.setLength(0);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in the response head");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
