package io.mockdocker.examples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The daemon's Remote API v1.2 over java.net.http: every path gets the {@code /v1.2} prefix. */
final class DockerHttp {
  static final String API = "/v1.2";

  /** A whole answer: status and body. */
  record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final URI daemon;
  private final HttpClient client;

  DockerHttp(URI daemon) {
    this.daemon = daemon;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  URI daemon() {
    return daemon;
  }

  Reply post(String path) {
    return send(request(path).POST(BodyPublishers.noBody()));
  }

  Reply postJson(String path, String json) {
    BodyPublisher body = BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    return send(request(path).header("Content-Type", "application/json").POST(body));
  }

  Reply delete(String path) {
    return send(request(path).DELETE());
  }

  /** A POST whose answer is read as it arrives: the status, and the body as a stream to close. */
  HttpResponse<InputStream> postStreaming(String path) {
    return exchange(request(path).POST(BodyPublishers.noBody()), BodyHandlers.ofInputStream());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(daemon.resolve(API + path));
  }

  private Reply send(HttpRequest.Builder request) {
    HttpResponse<byte[]> r = exchange(request, BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r.body());
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, BodyHandler<T> handler) {
    HttpRequest r = request.build();
    try {
      return client.send(r, handler);
    } catch (IOException e) {
      throw new DeployException(r.method() + " " + r.uri().getRawPath() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException(r.method() + " " + r.uri().getRawPath() + " interrupted", e);
    }
  }
}
