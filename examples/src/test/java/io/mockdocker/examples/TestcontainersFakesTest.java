package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HealthCheck;
import com.sun.net.httpserver.HttpServer;
import io.mockdocker.MockDocker;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.testcontainers.MockDockerTestcontainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Testcontainers' own waits against containers the daemon gives life to: a port that forwards to an HTTP server this
 * test started in the JVM (a fake service behind a container's port), a fixed HTTP reply that {@code Wait.forHttp}
 * accepts, a health check that {@code Wait.forHealthcheck} waits for, and a read-only bind of a host directory.
 */
@Testcontainers
class TestcontainersFakesTest {
  /** The in-JVM fake of the service the container stands for. */
  static final HttpServer FAKE = fake();
  static final MockDocker DAEMON = MockDockerTestcontainers.daemon();

  static {
    DAEMON.script(PortMatch.image("acme/orders:1.4").withPort("8080"),
        PortScript.forward("127.0.0.1", FAKE.getAddress().getPort()));
    DAEMON.script(PortMatch.image("nginx:1.27").withPort("80"), PortScript.httpReply(200, "ok"));
  }

  @Container
  static final GenericContainer<?> ORDERS = new GenericContainer<>("acme/orders:1.4")
      .withExposedPorts(8080)
      .waitingFor(Wait.forHttp("/orders/42").forStatusCode(200));

  @Container
  static final GenericContainer<?> NGINX = new GenericContainer<>("nginx:1.27")
      .withExposedPorts(80)
      .waitingFor(Wait.forHttp("/").forStatusCode(200));

  @Container
  static final GenericContainer<?> CHECKED = new GenericContainer<>("busybox:latest")
      .withCommand("sh", "-c", "sleep 1; touch /tmp/ready; sleep 1000")
      .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(new HealthCheck()
          .withTest(List.of("CMD-SHELL", "test -f /tmp/ready")).withInterval(200_000_000L).withRetries(50)))
      .waitingFor(Wait.forHealthcheck());

  static HttpServer fake() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/orders", exchange -> {
        byte[] body = ("{\"order\":\"" + exchange.getRequestURI().getPath().substring(8) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopFake() {
    FAKE.stop(0);
  }

  static String get(GenericContainer<?> container, int port, String path) throws Exception {
    URI uri = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port) + path);
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  @Test
  void the_containers_port_reaches_the_fake_in_this_jvm() throws Exception {
    assertThat(get(ORDERS, 8080, "/orders/7")).isEqualTo("200 {\"order\":\"7\"}");
  }

  @Test
  void wait_for_http_passed_on_the_fixed_reply() throws Exception {
    assertThat(NGINX.isRunning()).isTrue();
    assertThat(get(NGINX, 80, "/anything")).isEqualTo("200 ok");
  }

  @Test
  void wait_for_healthcheck_saw_the_container_become_healthy() {
    assertThat(CHECKED.isHealthy()).isTrue();
    assertThat(CHECKED.getCurrentContainerInfo().getState().getHealth().getStatus()).isEqualTo("healthy");
  }

  @Test
  void a_host_directory_bound_read_only_is_read_and_never_written(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("app.properties"), "mode=test\n");
    long modified = Files.getLastModifiedTime(dir.resolve("app.properties")).toMillis();
    try (GenericContainer<?> reader = new GenericContainer<>("busybox:latest").withCommand("sleep", "1000")
        .withFileSystemBind(dir.toString(), "/config", BindMode.READ_ONLY)) {
      reader.start();
      assertThat(reader.execInContainer("cat", "/config/app.properties").getStdout()).isEqualTo("mode=test\n");
      var write = reader.execInContainer("sh", "-c", "echo mode=prod > /config/app.properties");
      assertThat(write.getExitCode()).isNotZero();
      assertThat(write.getStderr()).contains("Read-only file system");
    }
    assertThat(Files.readString(dir.resolve("app.properties"))).isEqualTo("mode=test\n");
    assertThat(Files.getLastModifiedTime(dir.resolve("app.properties")).toMillis()).isEqualTo(modified);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("app.properties");
    }
  }
}
