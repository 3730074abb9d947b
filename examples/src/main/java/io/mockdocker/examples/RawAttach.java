package io.mockdocker.examples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code POST /containers/(id)/attach} over a plain socket, as the clients of 2013 did: the daemon answers with a
 * status line and one header, then hijacks the connection and sends raw bytes (stdout and stderr unframed) until it
 * closes it. An error before the hijack (404, 400) is an ordinary HTTP answer with a length.
 */
final class RawAttach {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private RawAttach() {}

  /** Everything the container printed so far: its stdout log, then its stderr log. */
  static byte[] logs(URI daemon, String id) {
    String path = DockerHttp.API + "/containers/" + id + "/attach?logs=1&stdout=1&stderr=1";
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(daemon.getHost(), daemon.getPort()), 5000);
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\n"
          + "Host: " + daemon.getHost() + ":" + daemon.getPort() + "\r\n"
          + "Content-Type: plain/text\r\n"
          + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String status = line(in);
      int length = -1;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring("content-length:".length()).trim());
        }
      }
      if (!status.startsWith("HTTP/1.1 200 ")) {
        byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
        throw new DeployException("attach to " + id + " answered " + status.substring("HTTP/1.1 ".length()) + ": "
            + new String(body, StandardCharsets.UTF_8).strip());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DeployException("attach to " + id + " failed: " + e, e);
    }
  }

  /** One header line, without its CRLF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
