package io.mockdocker.internal.rcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.Sockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rcli listener over a raw socket, each call written as docker-ruby wrote it: the arguments as a JSON array and
 * a newline, then a blank line ({@code s.puts args.to_json; s.puts}), stdin (with {@code puts}'s newline) and a
 * half-close when there is some. Answers are what docker v0.3.2's daemon wrote: the options line, the output, and
 * {@code Error: …} lines.
 */
class RcliTest {
  static final String OPTIONS = "{\"RawTerminal\":false}\n";

  final VirtualClock clock = VirtualClock.at(Instant.parse("2013-05-10T12:00:00Z"));

  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.rcliPort(0).clock(clock));

  /** One call as docker-ruby's {@code cmd_with_stdin} makes it; everything the server wrote until it closed. */
  String callWithStdin(String stdin, String... args) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < args.length; i++) {
      json.append(i == 0 ? "" : ",").append(Json.MAPPER.writeValueAsString(args[i]));
    }
    return raw((json + "]\n\n").getBytes(StandardCharsets.UTF_8),
        stdin == null ? null : (stdin.endsWith("\n") ? stdin : stdin + "\n").getBytes(StandardCharsets.UTF_8));
  }

  String call(String... args) throws IOException {
    return callWithStdin(null, args);
  }

  String raw(byte[] request, byte[] stdin) throws IOException {
    try (Socket s = new Socket("127.0.0.1", daemon.docker().rcliPort().orElseThrow())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request);
      if (stdin != null) {
        s.getOutputStream().write(stdin);
        s.shutdownOutput();
      }
      return readAll(s.getInputStream());
    }
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The output after the options line, which must come first. */
  static String output(String answer) {
    assertThat(answer).startsWith(OPTIONS);
    return answer.substring(OPTIONS.length());
  }

  String runDetached(String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "-d", "base"));
    args.addAll(List.of(command));
    String id = output(call(args.toArray(String[]::new)));
    assertThat(id).matches("[0-9a-f]{12}\n");
    return id.trim();
  }

  @Test
  void run_d_prints_the_short_id_and_the_container_runs() throws IOException {
    String id = runDetached("echo", "hi");
    assertThat(output(call("wait", id))).isEqualTo("0\n");
    assertThat(daemon.http().post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1").text()).isEqualTo("hi\n");
  }

  @Test
  void run_i_a_stdin_pipes_the_input_after_the_blank_line_and_answers_once_the_process_exited() throws IOException {
    String answer = callWithStdin("hello", "run", "-i", "-a", "stdin", "base", "/bin/sh", "-c", "cat > /f; cat /f");
    String id = output(answer).trim();
    assertThat(id).matches("[0-9a-f]{12}");
    // the connection closed after the exit (StdinOnce): the process has ended already
    JsonNode state = Json.tree(daemon.http().get("/v1.2/containers/" + id + "/json")).get("State");
    assertThat(state.get("Running").asBoolean()).isFalse();
    assertThat(state.get("ExitCode").asInt()).isZero();
    // the daemon read the call's line only: docker-ruby's blank line is the first byte of the process's stdin
    assertThat(daemon.http().post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1").text()).isEqualTo("\nhello\n");
  }

  @Test
  void run_without_d_streams_the_output_and_t_asks_for_a_raw_terminal() throws IOException {
    assertThat(call("run", "base", "/bin/sh", "-c", "echo out; echo err >&2")).isEqualTo(OPTIONS + "out\nerr\n");
    assertThat(call("run", "-t", "base", "echo", "hi")).startsWith("{\"RawTerminal\":true}\n");
    assertThat(output(call("run", "nosuch/image", "true")))
        .startsWith("Image nosuch/image not found, trying to pull it from registry.\r\n").contains("Error: ");
  }

  @Test
  void ps_q_lists_the_running_containers_short_ids_newest_first() throws IOException {
    assertThat(call("ps", "-q")).isEmpty(); // nothing written, not even the options line
    String done = runDetached("echo", "done");
    output(call("wait", done));
    String first = runDetached("sleep", "1000");
    String second = runDetached("sleep", "1000");
    assertThat(output(call("ps", "-q"))).isEqualTo(second + "\n" + first + "\n");
    assertThat(output(call("ps", "-q", "-a"))).isEqualTo(second + "\n" + first + "\n" + done + "\n");
    assertThat(output(call("ps", "-q", "-l"))).isEqualTo(second + "\n");
  }

  @Test
  void ps_prints_the_era_table() throws IOException {
    String id = runDetached("sleep", "1000");
    clock.advance(Duration.ofMinutes(5));
    // tabwriter(minwidth 12, padding 3): each column as wide as its widest cell plus 3, at least 12; PORTS is the
    // last cell and unpadded, so the empty COMMENT column leaves 12 trailing spaces
    assertThat(output(call("ps"))).isEqualTo(""
        + "ID             IMAGE         COMMAND      CREATED         STATUS         COMMENT     PORTS\n"
        + id + "   base:latest   sleep 1000   5 minutes ago   Up 5 minutes   " + " ".repeat(12) + "\n");
  }

  @Test
  void inspect_prints_the_v0_3_container_json_indented_by_four_spaces() throws IOException {
    String id = runDetached("sleep", "1000");
    String json = output(call("inspect", id));
    JsonNode c = Json.tree(json);
    String full = c.get("Id").asText();
    assertThat(full).hasSize(64).startsWith(id);
    assertThat(json).startsWith("{\n    \"Id\": \"" + full + "\",\n    \"Created\": \"2013-05-10T12:00:00Z\",\n")
        .contains("\n    \"Args\": [\n        \"1000\"\n    ],\n")
        .contains("\n    \"State\": {\n        \"Running\": true,\n")
        .endsWith("\n}\n");
    List<String> keys = new ArrayList<>();
    c.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Id", "Created", "Path", "Args", "Config", "State", "Image", "NetworkSettings",
        "SysInitPath", "ResolvConfPath", "Volumes");
    List<String> net = new ArrayList<>();
    c.get("NetworkSettings").fieldNames().forEachRemaining(net::add);
    assertThat(net).containsExactly("IpAddress", "IpPrefixLen", "Gateway", "Bridge", "PortMapping");
    assertThat(c.get("Config").has("CpuShares")).isFalse();
    assertThat(c.get("Config").get("Cmd").toString()).isEqualTo("[\"sleep\",\"1000\"]");
  }

  @Test
  void inspect_falls_back_to_an_image_and_prints_nothing_for_neither() throws IOException {
    JsonNode image = Json.tree(output(call("inspect", "base")));
    assertThat(image.get("id").asText()).hasSize(64);
    assertThat(image.has("container_config")).isTrue();
    assertThat(call("inspect", "nosuch")).isEmpty();
  }

  @Test
  void wait_prints_each_exit_code_and_fails_on_an_unknown_container() throws IOException {
    String zero = runDetached("true");
    String three = runDetached("/bin/sh", "-c", "exit 3");
    assertThat(output(call("wait", zero, three))).isEqualTo("0\n3\n");
    assertThat(output(call("wait", three, "nosuch"))).isEqualTo("3\nError: No such container: nosuch\n");
  }

  @Test
  void kill_prints_nothing_and_ends_the_process() throws IOException {
    String id = runDetached("sleep", "1000");
    assertThat(call("kill", id)).isEmpty();
    JsonNode state = Json.tree(daemon.http().get("/v1.2/containers/" + id + "/json")).get("State");
    assertThat(state.get("Running").asBoolean()).isFalse();
    assertThat(call("kill", id)).as("a stopped container: nothing to do").isEmpty();
    assertThat(output(call("kill", "nosuch"))).isEqualTo("Error: No such container: nosuch\n");
  }

  @Test
  void commit_m_prints_the_new_image_short_id_and_tags_the_repository() throws IOException {
    String id = output(callWithStdin("hello", "run", "-i", "-a", "stdin", "base", "/bin/sh", "-c", "cat > /f")).trim();
    output(call("wait", id));
    String image = output(call("commit", "-m", "Added /f", id, "extended"));
    assertThat(image).matches("[0-9a-f]{12}\n");
    JsonNode json = Json.tree(output(call("inspect", "extended")));
    assertThat(json.get("id").asText()).startsWith(image.trim());
    assertThat(json.get("comment").asText()).isEqualTo("Added /f");
    assertThat(json.get("container").asText()).startsWith(id);
    assertThat(output(call("commit", "-m", "x", "nosuch"))).isEqualTo("Error: No such container: nosuch\n");
  }

  @Test
  void rmi_prints_nothing_and_the_image_is_gone() throws IOException {
    String id = runDetached("true");
    output(call("wait", id));
    String image = output(call("commit", id, "scratchpad")).trim();
    assertThat(call("rmi", image)).isEmpty();
    assertThat(call("inspect", image)).isEmpty();
    assertThat(output(call("rmi", "nosuch"))).isEqualTo("Error: Image does not exist: nosuch\n");
  }

  @Test
  void an_unknown_command_and_bad_calls_answer_as_the_daemon_did() throws IOException {
    assertThat(output(call("frobnicate"))).isEqualTo("Error: No such command: frobnicate\n");
    assertThat(output(raw("{\"not\":\"a list\"}\n".getBytes(StandardCharsets.UTF_8), null)))
        .isEqualTo("Error: json: cannot unmarshal object into Go value of type []string\n");
    assertThat(output(raw("xyz\n".getBytes(StandardCharsets.UTF_8), null)))
        .isEqualTo("Error: invalid character 'x' looking for beginning of value\n");
    assertThat(output(call("run"))).isEqualTo("Error: Image not specified\nError: Image not specified\n");
    assertThat(output(call("run", "-d", "-a", "stdout", "base", "true")))
        .isEqualTo("Error: Conflicting options: -a and -d\n");
    // the daemon kept serving
    assertThat(output(call("wait", runDetached("true")))).isEqualTo("0\n");
  }

  @Test
  void help_usage_and_flag_errors_print_the_era_texts() throws IOException {
    String help = output(call());
    assertThat(help).startsWith("Usage: docker COMMAND [arg...]\n\nA self-sufficient runtime for linux containers.\n\n"
        + "Commands:\n    attach    Attach to a running container\n");
    assertThat(help).contains("\n    wait      Block until a container stops, then print its exit code\n");
    assertThat(output(call("help"))).isEqualTo(help);
    assertThat(output(call("wait"))).isEqualTo(
        "\nUsage: docker wait CONTAINER [CONTAINER...]\n\nBlock until a container stops, then print its exit code.\n\n");
    assertThat(output(call("rmi"))).isEqualTo("\nUsage: docker rmimage IMAGE [IMAGE...]\n\nRemove an image\n\n");
    String psUsage = "\nUsage: docker ps [OPTIONS]\n\nList containers\n\n"
        + "  -a=false: Show all containers. Only running containers are shown by default.\n"
        + "  -l=false: Show only the latest created container, include non-running ones.\n"
        + "  -n=-1: Show n last created containers, include non-running ones.\n"
        + "  -notrunc=false: Don't truncate output\n"
        + "  -q=false: Only display numeric IDs\n";
    assertThat(output(call("ps", "-x"))).isEqualTo("flag provided but not defined: -x\n" + psUsage);
    assertThat(output(call("help", "ps"))).isEqualTo(psUsage);
    assertThat(output(call("PS", "-q", "-n", "zero")))
        .isEqualTo("invalid value \"zero\" for flag -n: strconv.ParseInt: parsing \"zero\": invalid syntax\n" + psUsage);
  }

  @Test
  void a_reset_daemon_is_served_over_the_same_listener() throws IOException {
    runDetached("sleep", "1000");
    daemon.docker().reset();
    assertThat(call("ps", "-q")).isEmpty();
    assertThat(output(call("wait", runDetached("true")))).isEqualTo("0\n");
  }

  @Test
  void closing_the_daemon_cuts_open_calls_and_frees_the_port() throws Exception {
    long before = rcliThreads(); // the class daemon's acceptor
    MockDocker docker = MockDocker.builder().rcliPort(0).clock(clock).start();
    int port = docker.rcliPort().orElseThrow();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write("[\"run\",\"base\",\"sleep\",\"1000\"]\n".getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      byte[] options = in.readNBytes(OPTIONS.length());
      assertThat(new String(options, StandardCharsets.UTF_8)).isEqualTo(OPTIONS);
      await().atMost(Duration.ofSeconds(10)).until(() -> rcliThreads() >= before + 2);
      docker.close();
      assertThat(Sockets.closedByPeer(s)).isTrue();
    }
    assertThat(Sockets.listening(port)).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> rcliThreads() == before);
  }

  @Test
  void the_listener_is_off_unless_asked_for() {
    try (MockDocker docker = MockDocker.builder().clock(clock).start()) {
      assertThat(docker.rcliPort()).isEmpty();
    }
  }

  private static long rcliThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("mock-docker-rcli-")).count();
  }
}
