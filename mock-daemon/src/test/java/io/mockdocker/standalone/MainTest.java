package io.mockdocker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone daemon as a user starts it: a separate JVM, its first line, one line per request. */
class MainTest {
  static Process launch(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void it_prints_its_address_then_one_line_per_request() throws Exception {
    Process p = launch("--port", "0");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(first);
      assertThat(m.matches()).as(first).isTrue();
      URI base = URI.create("http://127.0.0.1:" + m.group(1));
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> images = client.send(HttpRequest.newBuilder(base.resolve("/v1.2/images/json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(images.statusCode()).isEqualTo(200);
      assertThat(images.body()).contains("\"Repository\":\"base\"");
      assertThat(out.readLine()).matches("GET /v1\\.2/images/json 200 \\d+ms");
      HttpResponse<String> pull = client.send(HttpRequest.newBuilder(
              base.resolve("/v1.2/images/create?fromImage=busybox")).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(pull.body()).startsWith(
          "{\"status\":\"Pulling repository busybox from https://index.docker.io/v1\"}");
      assertThat(out.readLine()).matches("POST /v1\\.2/images/create\\?fromImage=busybox 200 \\d+ms");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void help_lists_the_flags_and_exits_0() throws Exception {
    Process p = launch("--help");
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(text).contains("--host", "--port", "--fixtures", "--cors", "--no-host-binds", "--help");
  }

  @Test
  void a_fixtures_file_replaces_the_defaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fixtures.json");
    Files.writeString(file, "{\"registry\":{},\"local\":[]}");
    Process p = launch("--port", "0", "--fixtures", file.toString(), "--cors");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      String port = first.substring(first.lastIndexOf(':') + 1);
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/images/json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("[]");
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_scenario_by_name_is_loaded_at_start() throws Exception {
    Process p = launch("--port", "0", "--scenario", "image-missing-from-registry");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      String port = first.substring(first.lastIndexOf(':') + 1);
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.2/images/create?fromImage=busybox"))
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).endsWith("{\"error\":\"HTTP code: 404\"}");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void no_host_binds_refuses_a_host_bind_at_create_and_keeps_serving() throws Exception {
    Process p = launch("--port", "0", "--profile", "modern", "--no-host-binds");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+).*").matcher(first);
      assertThat(m.matches()).as(first).isTrue();
      URI base = URI.create("http://127.0.0.1:" + m.group(1));
      HttpClient client = HttpClient.newHttpClient();
      client.send(HttpRequest.newBuilder(base.resolve("/v1.50/images/create?fromImage=busybox&tag=latest"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> create = client.send(HttpRequest.newBuilder(base.resolve("/v1.50/containers/create"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"/etc:/host-etc:ro\"]}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(create.statusCode()).isEqualTo(400);
      assertThat(create.body()).isEqualTo("{\"message\":\"host binds are refused by this daemon: /etc\"}\n");
      HttpResponse<String> ping = client.send(HttpRequest.newBuilder(base.resolve("/_ping")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ping.statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void default_api_1_1_serves_bare_era_paths_as_1_1() throws Exception {
    Process p = launch("--port", "0", "--default-api=1.1");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) \\(era profile, default API 1\\.1\\)")
          .matcher(first);
      assertThat(m.matches()).as(first).isTrue();
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/auth")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"username\":\"\",\"password\":\"\",\"email\":\"\"}");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_bad_flag_exits_non_zero_with_usage() throws Exception {
    Process p = launch("--bogus");
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(text).contains("Unknown option: '--bogus'");
  }

  @Test
  void registry_open_pulls_an_image_no_fixture_holds() throws Exception {
    Process p = launch("--port", "0", "--profile", "modern", "--registry", "open");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      String port = first.substring(first.lastIndexOf(':') + 1, first.indexOf(' ', first.lastIndexOf(':')));
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/images/create?fromImage=redis&tag=7"))
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("Status: Downloaded newer image for redis:7");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_registry_that_is_neither_open_nor_closed_exits_2() throws Exception {
    assertThat(usageError("--registry", "ajar")).contains("--registry is closed or open, not ajar");
  }

  @Test
  void release_plays_an_older_docker_and_bounds_the_versions() throws Exception {
    Process p = launch("--port", "0", "--release", "0.3.3");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      String port = first.substring(first.lastIndexOf(':') + 1);
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> version = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.000000/version")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(version.body()).startsWith("{\"Version\":\"0.3.3\",\"GitCommit\":\"8220560\",");
      HttpResponse<String> newer = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.1/version")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(newer.statusCode()).isEqualTo(404);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void an_unknown_release_exits_2_listing_the_known_ones() throws Exception {
    assertThat(usageError("--release", "0.5.0"))
        .contains("--release", "unknown release 0.5.0 (known: 0.3.3, 0.4.0, 0.4.1, 0.4.2, 0.4.3, 0.4.4)");
  }

  /** What a launch that must fail as a usage error (exit 2) printed. */
  static String usageError(String... args) throws Exception {
    Process p = launch(args);
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isEqualTo(2);
    return text;
  }

  @Test
  void rcli_port_serves_the_pre_api_protocol_beside_the_http_api() throws Exception {
    Process p = launch("--port", "0", "--rcli-port", "0");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).startsWith("listening on http://127.0.0.1:");
      Matcher m = Pattern.compile("rcli listening on 127\\.0\\.0\\.1:(\\d+)").matcher(out.readLine());
      assertThat(m.matches()).isTrue();
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write("[\"wait\",\"nosuch\"]\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("{\"RawTerminal\":false}\nError: No such container: nosuch\n");
      }
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
