package io.mockdocker.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny HTTP/1.1 client over a raw socket, so tests see exactly what went on the wire: the status line, every
 * header in order, the chunk boundaries and the decoded body ({@link #send}); every byte until the end of the stream
 * or a failure ({@link #receive}); or a connection kept open after its head, for hijacked streams ({@link #hijack}).
 */
public final class RawHttp {
  private final URI base;

  public RawHttp(URI base) {
    this.base = base;
  }

  public Response get(String path) {
    return send("GET", path, null, new byte[0]);
  }

  public Response post(String path) {
    return send("POST", path, null, new byte[0]);
  }

  public Response post(String path, String contentType, String body) {
    return send("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public Response post(String path, String contentType, byte[] body) {
    return send("POST", path, contentType, body);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, new byte[0]);
  }

  /** Sends one request on a new connection (with {@code Connection: close}) and reads the whole answer. */
  public Response send(String method, String path, String contentType, byte[] body) {
    return sendRaw((method + " " + path + " HTTP/1.1\r\n"
        + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + (body.length > 0 || method.equals("POST") ? "Content-Length: " + body.length + "\r\n" : "")
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), body, method.equals("HEAD"));
  }

  public Response sendRaw(byte[] head, byte[] body, boolean headRequest) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      return read(socket.getInputStream(), headRequest);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Sends {@code method path} with {@code Connection: close} and reads every byte until the end or a failure. */
  public Received receive(String method, String path) {
    return receive(method + " " + path + " HTTP/1.1\r\nHost: x\r\n"
        + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "Connection: close\r\n\r\n");
  }

  /**
   * Sends {@code request} as it is and reads every byte until the end of the stream; a failure while writing or
   * reading ends the reading and is kept in the result (a failure to connect is thrown).
   */
  public Received receive(String request) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (Socket socket = connect()) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
        }
      } catch (IOException e) {
        return new Received(got.toByteArray(), e);
      }
      return new Received(got.toByteArray(), null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Opens a connection, sends a request with {@code extraHeaders} (each ending in CRLF) and a {@code Content-Length},
   * and reads its head; the stream stays open for the caller.
   */
  public Hijacked hijack(String method, String path, String extraHeaders, String body) throws IOException {
    Socket socket = connect();
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Content-Length: " + bytes.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return new Hijacked(socket, readHead(socket.getInputStream()));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** A new connection to the daemon: 5 s to connect, 20 s for any read. */
  public Socket connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
      socket.setSoTimeout(20000);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Reads a response head up to and including its blank line, byte by byte (nothing of the body). */
  public static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads a response head and, when it has a {@code Content-Length}, that many bytes of body after it. */
  public static String readHeadAndBody(InputStream in) throws IOException {
    String head = readHead(in);
    int length = -1;
    for (String l : head.split("\r\n")) {
      if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(l.substring(15).trim());
      }
    }
    return length > 0 ? head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1) : head;
  }

  private static Response read(InputStream in, boolean headRequest) throws IOException {
    String statusLine = line(in);
    List<String[]> headers = new ArrayList<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).trim()});
    }
    Response partial = new Response(statusLine, headers, new byte[0], List.of());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<byte[]> chunks = new ArrayList<>();
    int status = partial.status();
    if (headRequest || status == 204 || status == 304) {
      return partial;
    }
    String te = partial.header("Transfer-Encoding");
    String cl = partial.header("Content-Length");
    if (te != null && te.equalsIgnoreCase("chunked")) {
      while (true) {
        String sizeLine = line(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
          while (!line(in).isEmpty()) {
            // trailers
          }
          break;
        }
        byte[] chunk = in.readNBytes(size);
        chunks.add(chunk);
        body.writeBytes(chunk);
        line(in);
      }
    } else if (cl != null) {
      body.writeBytes(in.readNBytes(Integer.parseInt(cl)));
    } else {
      body.writeBytes(in.readAllBytes());
    }
    return new Response(statusLine, headers, body.toByteArray(), chunks);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        buf.write(c);
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  /** A response as it arrived. */
  public record Response(String statusLine, List<String[]> headers, byte[] body, List<byte[]> chunks) {
    public int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
      for (String[] h : headers) {
        if (h[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          return h[1];
        }
      }
      return null;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public boolean chunked() {
      return "chunked".equalsIgnoreCase(header("Transfer-Encoding"));
    }

    @Override
    public String toString() {
      return statusLine + " " + text();
    }
  }

  /** A connection with a request sent and its head read. */
  public static final class Hijacked implements AutoCloseable {
    public final Socket socket;
    public final String head;

    Hijacked(Socket socket, String head) {
      this.socket = socket;
      this.head = head;
    }

    public OutputStream out() throws IOException {
      return socket.getOutputStream();
    }

    /** Everything after the head, until the server closes. */
    public byte[] rest() throws IOException {
      return socket.getInputStream().readAllBytes();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** What came back from {@link #receive}: the bytes, and how the stream ended ({@code null}: a normal end). */
  public record Received(byte[] bytes, IOException failure) {
    @Override
    public String toString() {
      return text() + (failure == null ? "" : " [" + failure + "]");
    }

    public String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public String head() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? t : t.substring(0, end);
    }

    public String rawBody() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? "" : t.substring(end + 4);
    }

    /** The chunked body decoded as far as it is well formed. */
    public String body() {
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

    /** The stream ended with a failure rather than a clean close. */
    public boolean failed() {
      return failure != null;
    }

    /** The stream ended with a connection reset. */
    public boolean reset() {
      return failure != null && String.valueOf(failure.getMessage()).contains("reset");
    }
  }
}
