package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testcontainers.MockDockerTestcontainers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Testcontainers 2.0 used exactly as its users use it, with Ryuk on and no environment variable: with
 * testcontainers-support on the test classpath, Testcontainers finds the mock-docker daemon of this JVM and nothing
 * else. The daemon plays the containers with the mini shell; its open registry pulls any image name.
 *
 * <p>Waiting for HTTP against a fixed reply, a port that forwards to a server the test started, health checks and
 * binds are in {@link TestcontainersFakesTest}.
 */
@Testcontainers
class TestcontainersTest {
  static final Network NETWORK = Network.newNetwork();

  /** Published port 80, waited for as nearly every Testcontainers module waits: until it listens. */
  @Container
  static final GenericContainer<?> WEB = new GenericContainer<>("busybox:latest")
      .withCommand("sleep", "1000")
      .withExposedPorts(80)
      .withNetwork(NETWORK)
      .withNetworkAliases("web")
      .waitingFor(Wait.forListeningPort());

  /** An image nobody registered, a log line to wait for, on the same network. */
  @Container
  static final GenericContainer<?> DB = new GenericContainer<>("postgres:16")
      .withCommand("sh", "-c", "echo 'database system is ready to accept connections'; sleep 1000")
      .withExposedPorts(5432)
      .withNetwork(NETWORK)
      .withNetworkAliases("db", "postgres")
      .waitingFor(Wait.forLogMessage(".*ready to accept connections.*\\n", 1));

  @Test
  void the_mapped_port_listens_on_the_host() throws IOException {
    assertThat(WEB.isRunning()).isTrue();
    assertThat(WEB.getHost()).isEqualTo("127.0.0.1");
    int port = WEB.getMappedPort(80);
    assertThat(port).isNotEqualTo(80).isPositive();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(WEB.getHost(), port), 2000);
      assertThat(s.isConnected()).isTrue();
    }
  }

  @Test
  void exec_runs_in_the_container() throws Exception {
    ExecResult result = WEB.execInContainer("sh", "-c", "echo hello from; cat /etc/hostname; echo oops >&2; exit 3");
    assertThat(result.getExitCode()).isEqualTo(3);
    assertThat(result.getStdout()).isEqualTo("hello from\n" + WEB.getContainerId().substring(0, 12) + "\n");
    assertThat(result.getStderr()).isEqualTo("oops\n");
  }

  @Test
  void a_file_copied_in_is_read_back_and_out() throws Exception {
    WEB.copyFileToContainer(Transferable.of("hello, container\n"), "/tmp/greeting.txt");
    assertThat(WEB.execInContainer("cat", "/tmp/greeting.txt").getStdout()).isEqualTo("hello, container\n");
    String back = WEB.copyFileFromContainer("/tmp/greeting.txt",
        in -> new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(back).isEqualTo("hello, container\n");
  }

  @Test
  void logs_are_the_process_output() {
    assertThat(DB.getLogs()).isEqualTo("database system is ready to accept connections\n");
  }

  @Test
  void the_network_has_both_containers_under_their_aliases() {
    var network = DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(NETWORK.getId()).exec();
    assertThat(network.getContainers()).containsKeys(WEB.getContainerId(), DB.getContainerId());
    var endpoint = DB.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .filter(n -> NETWORK.getId().equals(n.getNetworkID())).findFirst().orElseThrow();
    assertThat(endpoint.getAliases()).contains("db", "postgres");
  }

  @Test
  void testcontainers_talks_to_the_daemon_of_this_jvm_and_ryuk_took_the_session() throws InterruptedException {
    MockDocker daemon = MockDockerTestcontainers.daemon();
    assertThat(DockerClientFactory.instance().getTransportConfig().getDockerHost().toString())
        .isEqualTo(daemon.dockerHost());
    String session = DockerClientFactory.SESSION_ID;
    var ryuk = daemon.state().container("testcontainers-ryuk-" + session).orElseThrow();
    assertThat(ryuk.running()).isTrue();
    String logs = DockerClientFactory.instance().client().logContainerCmd(ryuk.id()).withStdOut(true)
        .exec(new LogText()).text();
    assertThat(logs).contains("msg=Started").contains("msg=\"adding filter\" type=label")
        .contains("org.testcontainers.sessionId=" + session);
  }

  @Test
  void a_container_started_in_a_test_stops_and_is_gone() {
    try (GenericContainer<?> once = new GenericContainer<>("redis:7").withExposedPorts(6379)) {
      once.start();
      assertThat(once.getMappedPort(6379)).isPositive();
      String id = once.getContainerId();
      once.stop();
      assertThat(MockDockerTestcontainers.daemon().state().container(id)).isEmpty();
    }
  }

  /** Collects a log stream as text. */
  static final class LogText extends com.github.dockerjava.api.async.ResultCallback.Adapter<
      com.github.dockerjava.api.model.Frame> {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onNext(com.github.dockerjava.api.model.Frame frame) {
      text.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
    }

    String text() throws InterruptedException {
      awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
      return text.toString();
    }
  }
}
