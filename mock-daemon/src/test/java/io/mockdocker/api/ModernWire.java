package io.mockdocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.MockDocker;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Test helpers for the modern view: JSON requests and hijacked connections read byte by byte. */
final class ModernWire {
  static final ObjectMapper JSON = new ObjectMapper();

  private final MockDocker docker;
  final RawHttp http;

  ModernWire(MockDocker docker) {
    this.docker = docker;
    this.http = new RawHttp(docker.uri());
  }

  static JsonNode json(RawHttp.Response r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a container from a JSON body; returns its full ID. */
  String create(String query, String body) {
    RawHttp.Response r = http.post("/v1.50/containers/create" + query, "application/json", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return json(r).get("Id").asText();
  }

  /** A connection with a request sent and its head read. */
  final class Hijacked implements AutoCloseable {
    final Socket socket;
    final String head;

    Hijacked(String method, String path, String extraHeaders, String body) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress(docker.uri().getHost(), docker.uri().getPort()), 5000);
      socket.setSoTimeout(20000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Content-Length: " + bytes.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      head = readHead(socket.getInputStream());
    }

    OutputStream out() throws IOException {
      return socket.getOutputStream();
    }

    /** Everything after the head, until the server closes. */
    byte[] rest() throws IOException {
      return socket.getInputStream().readAllBytes();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  Hijacked hijack(String method, String path, String extraHeaders, String body) throws IOException {
    return new Hijacked(method, path, extraHeaders, body);
  }

  static String readHead(InputStream in) throws IOException {
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

  /** One stdcopy frame. */
  static byte[] frame(int stream, String payload) {
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

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
