package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Ryuk does at the end of a Testcontainers session, driven deterministically: Ryuk started as Testcontainers
 * starts it, a session registered over its port as Testcontainers registers it, the session's connection closed (the
 * JVM that held it has gone), and the engine's virtual clock moved past Ryuk's reconnection timeout: the session's
 * containers and networks are removed, another session's are not, and Ryuk exits and is removed.
 */
class RyukSessionTest {
  static final String SESSION = "1c9a0a23-1b5e-4f5a-9d7e-5d3a2f6b8c01";
  VirtualClock clock;
  MockDocker docker;
  DockerClient client;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    docker = MockDocker.builder().profile(ApiProfile.modern()).clock(clock).start();
    client = ImageJob.connect(docker.dockerHost(), "1.44"); // the API version Testcontainers 2.0 pins
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    docker.close();
  }

  String startRyuk() throws InterruptedException {
    client.pullImageCmd("testcontainers/ryuk").withTag("0.14.0").start().awaitCompletion();
    ExposedPort port = ExposedPort.tcp(8080);
    String id = client.createContainerCmd("testcontainers/ryuk:0.14.0").withName("testcontainers-ryuk-" + SESSION)
        .withExposedPorts(port).withLabels(Map.of("org.testcontainers", "true"))
        .withHostConfig(HostConfig.newHostConfig().withAutoRemove(true).withPrivileged(true)
            .withBinds(new Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock")))
            .withPortBindings(new PortBinding(Ports.Binding.empty(), port)))
        .exec().getId();
    client.startContainerCmd(id).exec();
    await().atMost(Duration.ofSeconds(10)).until(() -> logs(id).contains("msg=Started"));
    return id;
  }

  String logs(String id) throws InterruptedException {
    DockerJava.RawOutput out = new DockerJava.RawOutput();
    client.logContainerCmd(id).withStdOut(true).exec(out).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
    return out.text();
  }

  String container(String name, String session) throws InterruptedException {
    client.pullImageCmd("busybox").withTag("latest").start().awaitCompletion();
    String id = client.createContainerCmd("busybox:latest").withName(name).withCmd("sleep", "1000")
        .withLabels(Map.of("org.testcontainers", "true", "org.testcontainers.sessionId", session)).exec().getId();
    client.startContainerCmd(id).exec();
    return id;
  }

  @Test
  void the_session_is_removed_once_its_connection_has_gone_for_ten_seconds() throws Exception {
    String ryuk = startRyuk();
    int port = Integer.parseInt(client.inspectContainerCmd(ryuk).exec().getNetworkSettings().getPorts()
        .getBindings().get(ExposedPort.tcp(8080))[0].getHostPortSpec());
    try (Socket session = new Socket("127.0.0.1", port)) {
      OutputStream out = session.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
      out.write(("label=org.testcontainers%3Dtrue&label=org.testcontainers.sessionId%3D" + SESSION + "\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(in.readLine()).isEqualTo("ACK");
      container("mine", SESSION);
      container("theirs", "another-session");
      client.createNetworkCmd().withName("mine-net")
          .withLabels(Map.of("org.testcontainers", "true", "org.testcontainers.sessionId", SESSION)).exec();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> logs(ryuk).contains("msg=\"client disconnected\""));
    clock.advance(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(docker.state().containers())
        .as("containers; Ryuk's log: %s", docker.state().container(ryuk).isPresent() ? logs(ryuk) : "gone")
        .noneMatch(c -> c.id().equals(ryuk)));
    assertThat(docker.state().container("mine")).isEmpty();
    assertThat(client.listNetworksCmd().withNameFilter("mine-net").exec()).isEmpty();
    assertThat(docker.state().container("theirs")).isPresent();
  }
}
