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
 * header in order, the chunk boundaries and the decoded body.
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
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
      socket.setSoTimeout(20000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      return read(socket.getInputStream(), headRequest);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
}
