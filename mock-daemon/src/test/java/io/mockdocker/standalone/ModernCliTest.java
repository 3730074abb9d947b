package io.mockdocker.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.testing.DockerCli;
import io.mockdocker.testing.DockerCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's docker CLI (no DOCKER_API_VERSION: it negotiates 1.50 from {@code /_ping}) against the standalone daemon
 * started as a user would, {@code --profile modern} in its own JVM: one session, command after command, each checked
 * for its exit code and what a user reads. Skipped, with the reason, when no {@code docker} binary is on the PATH.
 * Run twice by {@code mvn verify}: from the test classes, then (after {@code package}) from
 * {@code target/mock-daemon-standalone.jar}, named by the system property {@code mockdocker.standalone.jar}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModernCliTest {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  @TempDir
  static Path dir;
  Process daemon;
  String dockerHost;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(DockerCli.binary() != null, "no docker CLI on the PATH: the end-to-end CLI test needs one");
    Path log = dir.resolve("daemon.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = System.getProperty("mockdocker.standalone.jar");
    List<String> command = jar != null
        ? List.of(java, "-jar", jar, "--profile", "modern", "--port", "0")
        : List.of(java, "-cp", System.getProperty("java.class.path"),
            "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
            Main.class.getName(), "--profile", "modern", "--port", "0");
    daemon = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Pattern listening =
        Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) \\(modern profile, default API 1\\.50\\)");
    String text = await("the daemon's first line").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .failFast("the daemon exited before it listened", () -> !daemon.isAlive())
        .until(() -> Files.readString(log), t -> listening.matcher(t).find());
    Matcher m = listening.matcher(text);
    assertThat(m.find()).isTrue();
    dockerHost = "tcp://127.0.0.1:" + m.group(1);
    Files.createDirectories(dir.resolve("config"));
  }

  @AfterAll
  void stop() throws Exception {
    if (daemon != null) {
      daemon.destroy();
      assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  Result withInput(String stdin, String... args) {
    return DockerCli.of(dockerHost, dir.resolve("config")).withInput(stdin, args);
  }

  Result docker(String... args) {
    return withInput(null, args);
  }

  Result ok(String... args) throws Exception {
    Result r = docker(args);
    assertThat(r.exit()).as("docker " + String.join(" ", args) + "\n" + r.out()).isZero();
    return r;
  }

  @Test
  @Order(1)
  void version_shows_the_engine_and_its_api_range() throws Exception {
    Result r = ok("version");
    assertThat(r.out()).contains("Server: mock-docker").contains("Version:          28.2.2")
        .contains("API version:      1.50 (minimum version 1.24)");
  }

  @Test
  @Order(2)
  void info() throws Exception {
    assertThat(ok("info").out()).contains("Server Version: 28.2.2").contains("Images: 2");
  }

  @Test
  @Order(3)
  void pull() throws Exception {
    Result r = ok("pull", "busybox");
    assertThat(r.out()).contains("latest: Pulling from library/busybox")
        .contains("Status: Downloaded newer image for busybox:latest");
    assertThat(r.lines()).last().isEqualTo("docker.io/library/busybox:latest");
    assertThat(ok("pull", "busybox").out()).contains("Status: Image is up to date for busybox:latest");
  }

  @Test
  @Order(4)
  void images() throws Exception {
    Result r = ok("images");
    assertThat(r.lines().get(0)).startsWith("REPOSITORY").contains("TAG").contains("IMAGE ID");
    assertThat(r.out()).containsPattern("(?m)^busybox\\s+latest\\s+[0-9a-f]{12}\\s");
  }

  @Test
  @Order(5)
  void run_rm_prints_the_output_and_leaves_nothing() throws Exception {
    Result r = ok("run", "--rm", "busybox", "echo", "hi");
    assertThat(r.out()).isEqualTo("hi\n");
    Result piped = withInput("piped-input\n", "run", "-i", "--rm", "busybox", "cat");
    assertThat(piped.exit()).as(piped.out()).isZero();
    assertThat(piped.out()).isEqualTo("piped-input\n");
    Result failing = docker("run", "--rm", "busybox", "sh", "-c", "exit 3");
    assertThat(failing.exit()).isEqualTo(3);
    assertThat(ok("ps", "-a", "-q").out()).isEmpty();
  }

  @Test
  @Order(6)
  void run_of_an_image_the_registry_lacks() throws Exception {
    Result r = docker("run", "--rm", "alpine", "true");
    assertThat(r.exit()).isEqualTo(125);
    assertThat(r.out()).contains("Unable to find image 'alpine:latest' locally")
        .contains("pull access denied for alpine, repository does not exist or may require 'docker login'");
  }

  @Test
  @Order(7)
  void run_detached_then_ps() throws Exception {
    Result r = ok("run", "-d", "--name", "sleeper", "busybox", "sh", "-c", "echo started; sleep 100");
    assertThat(r.out().trim()).matches(ID);
    Result ps = ok("ps");
    assertThat(ps.lines().get(0)).startsWith("CONTAINER ID").contains("NAMES");
    assertThat(ps.out()).contains("sleeper").containsPattern("Up (Less than a second|\\d+ seconds?)");
    ok("run", "--name", "done", "busybox", "true");
    assertThat(ok("ps").out()).doesNotContain(" done");
    assertThat(ok("ps", "-a").out()).contains("sleeper").contains("done").containsPattern("Exited \\(0\\)");
  }

  @Test
  @Order(8)
  void logs_and_inspect() throws Exception {
    assertThat(ok("logs", "sleeper").out()).isEqualTo("started\n");
    Result r = ok("inspect", "sleeper");
    assertThat(r.out()).startsWith("[").contains("\"Name\": \"/sleeper\"").contains("\"Running\": true")
        .contains("\"Image\": \"sha256:");
    assertThat(ok("inspect", "--format", "{{.State.Status}}", "sleeper").out()).isEqualTo("running\n");
  }

  @Test
  @Order(9)
  void exec_and_diff() throws Exception {
    assertThat(ok("exec", "sleeper", "echo", "hi").out()).isEqualTo("hi\n");
    assertThat(docker("exec", "sleeper", "sh", "-c", "exit 4").exit()).isEqualTo(4);
    ok("exec", "sleeper", "sh", "-c", "echo made > /tmp/made");
    assertThat(ok("diff", "sleeper").lines()).contains("C /tmp", "A /tmp/made");
  }

  @Test
  @Order(10)
  void export_writes_the_file_system_as_a_tar() throws Exception {
    Path tar = dir.resolve("sleeper.tar");
    ok("export", "-o", tar.toString(), "sleeper");
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).anyMatch(n -> n.endsWith("tmp/made"));
  }

  @Test
  @Order(11)
  void commit_and_history() throws Exception {
    Result r = ok("commit", "-m", "msg", "-a", "me", "sleeper", "committed:v1");
    assertThat(r.out().trim()).matches("sha256:[0-9a-f]{64}");
    assertThat(ok("images", "committed").out()).containsPattern("(?m)^committed\\s+v1\\s");
    Result history = ok("history", "busybox");
    assertThat(history.lines().get(0)).startsWith("IMAGE").contains("CREATED BY").contains("SIZE");
    assertThat(history.lines()).hasSizeGreaterThan(1);
  }

  @Test
  @Order(12)
  void tag_login_push_and_search() throws Exception {
    ok("tag", "busybox", "localhost:5000/busybox:v1");
    Result login = withInput("mock\n", "login", "-u", "mock", "--password-stdin", "localhost:5000");
    assertThat(login.exit()).as(login.out()).isZero();
    assertThat(login.out()).contains("Login Succeeded");
    Result push = ok("push", "localhost:5000/busybox:v1");
    assertThat(push.out()).contains("The push refers to repository [localhost:5000/busybox]")
        .containsPattern("v1: digest: sha256:[0-9a-f]{64} size: \\d+");
    Result search = ok("search", "busybox");
    assertThat(search.lines().get(0)).startsWith("NAME").contains("DESCRIPTION");
    assertThat(search.out()).containsPattern("(?m)^busybox\\s");
    Result bad = withInput("wrong\n", "login", "-u", "mock", "--password-stdin", "localhost:5000");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("unauthorized: incorrect username or password");
  }

  @Test
  @Order(13)
  void build_with_the_classic_builder() throws Exception {
    Path context = Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(context.resolve("Dockerfile"),
        "FROM busybox\nCOPY hello.txt /hello.txt\nRUN echo built > /built.txt\nCMD [\"cat\", \"/built.txt\"]\n");
    Files.writeString(context.resolve("hello.txt"), "hello\n");
    Result r = ok("build", "-t", "built:1", context.toString());
    assertThat(r.out()).contains("Step 1/4 : FROM busybox").contains("Step 4/4 : CMD [\"cat\", \"/built.txt\"]")
        .containsPattern("Successfully built [0-9a-f]{12}").contains("Successfully tagged built:1");
    assertThat(ok("run", "--rm", "built:1").out()).isEqualTo("built\n");
    assertThat(ok("run", "--rm", "built:1", "cat", "/hello.txt").out()).isEqualTo("hello\n");

    Path meta = Files.createDirectories(dir.resolve("meta"));
    Files.writeString(meta.resolve("Dockerfile"), "FROM busybox\nWORKDIR /app\nENV MODE=test\n"
        + "ENTRYPOINT [\"echo\", \"from-entrypoint\"]\nCMD [\"x\"]\nLABEL team=a\n");
    ok("build", "-t", "meta:1", meta.toString());
    assertThat(ok("run", "--rm", "meta:1").out()).isEqualTo("from-entrypoint x\n");
    assertThat(ok("run", "--rm", "meta:1", "y").out()).isEqualTo("from-entrypoint y\n");
    assertThat(ok("run", "--rm", "--entrypoint", "pwd", "meta:1").out()).isEqualTo("/app\n");
    assertThat(ok("inspect", "--format", "{{.Config.Labels.team}} {{.Config.WorkingDir}}", "meta:1").out())
        .isEqualTo("a /app\n");
  }

  @Test
  @Order(14)
  void stop_rm_and_rmi() throws Exception {
    assertThat(ok("stop", "sleeper").out()).isEqualTo("sleeper\n");
    assertThat(ok("inspect", "--format", "{{.State.Status}}", "sleeper").out()).isEqualTo("exited\n");
    assertThat(ok("rm", "sleeper").out()).isEqualTo("sleeper\n");
    Result gone = docker("rm", "sleeper");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.out()).contains("Error response from daemon: No such container: sleeper");
    assertThat(ok("rmi", "localhost:5000/busybox:v1").out()).contains("Untagged: localhost:5000/busybox:v1");
    Result missing = docker("rmi", "nosuchimage:9");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("No such image: nosuchimage:9");
  }

  @Test
  @Order(15)
  void events_since_and_until() throws Exception {
    assertThat(ok("events", "--since", "0", "--until", "1").out()).isEmpty();
    String until = String.valueOf(Instant.now().getEpochSecond() + 1);
    Result r = ok("events", "--since", "0", "--until", until);
    assertThat(r.out()).containsPattern("container create [0-9a-f]{64} \\(.*name=sleeper")
        .containsPattern("container start [0-9a-f]{64} \\(.*name=sleeper")
        .containsPattern("container die [0-9a-f]{64} \\(.*exitCode=143.*name=sleeper")
        .containsPattern("container destroy [0-9a-f]{64} \\(.*name=sleeper")
        .containsPattern("image pull busybox:latest");
  }
}
