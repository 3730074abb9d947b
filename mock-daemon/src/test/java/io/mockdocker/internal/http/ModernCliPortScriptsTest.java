package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 and port scripts: a container run with {@code -p} answers a Java HTTP client with its scripted
 * reply or with a server the test started; {@code ps --filter publish|expose}. Skipped, with the reason, when no
 * {@code docker} binary is on the PATH.
 */
class ModernCliPortScriptsTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  int hostPort(String name, String port) {
    Result r = docker("port", name, port);
    assertThat(r.out()).matches("127\\.0\\.0\\.1:[0-9]+\n");
    return Integer.parseInt(r.out().trim().replaceAll(".*:", ""));
  }

  @Test
  void a_scripted_http_reply_answers_a_java_client_and_ps_filters_by_published_and_exposed_port() {
    cli.daemon().script(PortMatch.image("busybox").withPort("80"), PortScript.httpReply(200, "hello from web"));
    assertThat(docker("run", "-d", "--name", "web", "-p", "127.0.0.1::80", "busybox", "sleep", "1000").exit())
        .isZero();
    assertThat(docker("run", "-d", "--name", "other", "--expose", "9000", "busybox", "sleep", "1000").exit())
        .isZero();
    int port = hostPort("web", "80");
    HttpResponse<String> r = ModernPortScriptsTest.get(port, "/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello from web");

    assertThat(docker("ps", "--filter", "publish=" + port, "--format", "{{.Names}}").out()).isEqualTo("web\n");
    assertThat(docker("ps", "--filter", "publish=" + port + "/tcp", "--format", "{{.Names}}").out())
        .isEqualTo("web\n");
    assertThat(docker("ps", "--filter", "publish=80", "--format", "{{.Names}}").out()).isEmpty();
    assertThat(docker("ps", "--filter", "expose=80", "--format", "{{.Names}}").out()).isEqualTo("web\n");
    assertThat(docker("ps", "--filter", "expose=8000-9100/tcp", "--format", "{{.Names}}").out())
        .isEqualTo("other\n");
    assertThat(docker("ps", "--filter", "expose=80/udp", "--format", "{{.Names}}").out()).isEmpty();
    Result bad = docker("ps", "--filter", "publish=8080:80");
    assertThat(bad.out()).isEqualTo("Error response from daemon: filter for 'publish' should not contain ':': "
        + "8080:80\n");
    assertThat(bad.exit()).isEqualTo(1);
  }

  @Test
  void a_forwarded_port_reaches_a_server_the_test_started() {
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(exchange -> exchange.getResponseSender().send("from the test's server")).build();
    server.start();
    try {
      int target = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
      cli.daemon().script(PortMatch.container("api"), PortScript.forward("127.0.0.1", target));
      assertThat(docker("run", "-d", "--name", "api", "-p", "127.0.0.1::8080", "busybox", "sleep", "1000").exit())
          .isZero();
      HttpResponse<String> r = ModernPortScriptsTest.get(hostPort("api", "8080"), "/anything");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("from the test's server");
    } finally {
      server.stop();
    }
  }
}
