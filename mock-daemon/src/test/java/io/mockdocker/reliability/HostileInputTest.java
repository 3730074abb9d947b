package io.mockdocker.reliability;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.TarLimits;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.Tars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R5: tar bombs, path traversal, oversized bodies and deeply nested JSON are refused with the daemon's kind of error;
 * nothing reaches outside a container's root, and nothing reaches the host's file system at all.
 */
class HostileInputTest {
  static final String BOUNDARY = "hostile-boundary";
  static final String URL = "http://example.com/bomb.tar.gz";

  /** A name no file on this machine has: whatever the daemon wrote under it, it wrote because of these tests. */
  final String marker = "mock-docker-escape-" + UUID.randomUUID();

  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).tarLimits(new TarLimits(1 << 20, 100))
        .maxRequestBodySize(4 << 20).start();
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
    assertNothingOnTheHost();
  }

  Response importBody(byte[] tar) {
    return http.post("/v1.2/images/create?fromSrc=-", "application/x-tar", tar);
  }

  // ------------------------------------------------------------------------------------------------ tar bombs

  @Test
  void an_import_that_extracts_past_the_byte_limit_is_a_500_with_the_limit_in_the_text() {
    byte[] bomb = Tars.gzip().zeros("big", (1 << 20) + 1).bytes();
    assertThat(bomb.length).isLessThan(10_000);
    Response r = importBody(bomb);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("tar archive too large: more than 1048576 bytes once extracted, the daemon's limit\n");
    assertThat(Engines.of(docker).imageCount()).isEqualTo(2);
    assertThat(docker.journal().matching("POST", "/images/create")).hasSize(1);
  }

  @Test
  void an_import_exactly_at_the_byte_limit_is_accepted() {
    Response r = importBody(Tars.gzip().zeros("big", 1 << 20).bytes());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).matches("\\{\"status\":\"[0-9a-f]{12}\"}");
  }

  @Test
  void hard_links_count_their_copies_against_the_byte_limit() {
    Tars tars = Tars.plain().zeros("half", 600_000);
    byte[] bomb = tars.hardlink("copy", "half").bytes();
    Response r = importBody(bomb);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).startsWith("tar archive too large: more than 1048576 bytes");
  }

  @Test
  void an_import_with_more_entries_than_the_limit_is_a_500() {
    Tars tars = Tars.plain();
    for (int i = 0; i < 101; i++) {
      tars.file("f" + i, "");
    }
    Response r = importBody(tars.bytes());
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("tar archive has too many entries: more than 100, the daemon's limit\n");
  }

  @Test
  void a_bomb_imported_from_a_url_fails_inside_the_started_stream() {
    docker.registry().url(URL, Tars.gzip().zeros("big", 2 << 20).bytes());
    Response r = http.post("/v1.2/images/create?fromSrc=" + URL);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).startsWith("{\"status\":\"Downloading from " + URL + "\"}")
        .endsWith("{\"error\":\"tar archive too large: more than 1048576 bytes once extracted, the daemon's limit\"}");
  }

  @Test
  void a_bomb_as_build_context_or_added_archive_is_an_error_build() {
    Response context = build("FROM base\nRUN true\n", Tars.gzip().zeros("big", 2 << 20).bytes());
    assertThat(context.status()).isEqualTo(200);
    assertThat(context.text()).isEqualTo(
        "Error build: tar archive too large: more than 1048576 bytes once extracted, the daemon's limit\n");

    byte[] inner = Tars.gzip().zeros("big", 2 << 20).bytes();
    Response added = build("FROM base\nADD bomb.tar.gz /srv/\n", Tars.plain().file("bomb.tar.gz", inner).bytes());
    assertThat(added.text()).contains("Step 2 : ADD bomb.tar.gz /srv/\n")
        .endsWith("Error build: tar archive too large: more than 1048576 bytes once extracted, the daemon's limit\n");
  }

  @Test
  void refused_bombs_leave_no_partial_tree_behind() throws IOException {
    for (int i = 0; i < 5; i++) {
      assertThat(importBody(Tars.gzip().zeros("big", 2 << 20).bytes()).status()).isEqualTo(500);
    }
    Path graph = Engines.of(docker).layer(Engines.of(docker).inspectImage("base").id()).getParent().getParent();
    try (Stream<Path> staging = Files.list(graph.resolve("_staging"))) {
      assertThat(staging.toList()).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------------------ traversal

  @Test
  void import_refuses_dot_dot_and_links_through_symlinks_and_keeps_absolute_names_inside_the_layer()
      throws IOException {
    Response dotDot = importBody(Tars.plain().file("../../" + marker, "x").bytes());
    assertThat(dotDot.status()).isEqualTo(500);
    assertThat(dotDot.text()).isEqualTo("exit status 2: tar: Invalid tar entry: ../../" + marker
        + "\ntar: Exiting with failure status due to previous errors\n\n");

    Response throughLink = importBody(Tars.plain().symlink("tmp", "/tmp").file("tmp/" + marker, "x").bytes());
    assertThat(throughLink.status()).isEqualTo(500);
    assertThat(throughLink.text()).startsWith("exit status 2: tar: Invalid tar entry: tmp/" + marker + "\n");

    Response hardLink = importBody(Tars.plain().hardlink(marker, "../../etc/passwd").bytes());
    assertThat(hardLink.status()).isEqualTo(500);
    assertThat(hardLink.text()).startsWith("exit status 2: tar: Invalid tar entry: " + marker + "\n");

    Response absolute = importBody(Tars.plain().file("/tmp/" + marker, "inside\n").bytes());
    assertThat(absolute.status()).isEqualTo(200);
    String shortId = absolute.text().replaceAll(".*\"status\":\"([0-9a-f]{12})\".*", "$1");
    Image image = Engines.of(docker).inspectImage(shortId);
    assertThat(Files.readString(Engines.of(docker).layer(image.id()).resolve("tmp/" + marker))).isEqualTo("inside\n");
  }

  @Test
  void insert_refuses_a_path_with_dot_dot_inside_its_stream() {
    docker.registry().url("http://example.com/x", "x".getBytes(StandardCharsets.UTF_8));
    int before = Engines.of(docker).imageCount();
    Response r = http.post("/v1.2/images/base/insert?url=http://example.com/x&path=../../" + marker);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).endsWith("{\"error\":\"Invalid path: ../../" + marker + "\"}");
    assertThat(Engines.of(docker).imageCount()).isEqualTo(before);
  }

  @Test
  void insert_at_an_absolute_path_lands_in_the_new_layer() throws IOException {
    docker.registry().url("http://example.com/x", "x".getBytes(StandardCharsets.UTF_8));
    Response r = http.post("/v1.2/images/base/insert?url=http://example.com/x&path=/tmp/" + marker);
    String id = r.text().replaceAll("(?s).*\\{\"status\":\"([0-9a-f]{64})\"}.*", "$1");
    assertThat(Files.readString(Engines.of(docker).layer(id).resolve("tmp/" + marker))).isEqualTo("x");
  }

  @Test
  void add_with_a_dot_dot_destination_stays_inside_the_container_root() throws IOException {
    Response r = build("FROM base\nADD x ../../../../../etc/" + marker + "\n", Tars.plain().file("x", "added\n").bytes());
    assertThat(r.text()).endsWith("\n").contains("Successfully built ");
    String id = built(r);
    assertThat(Files.readString(Engines.of(docker).layer(id).resolve("etc/" + marker))).isEqualTo("added\n");
    assertThat(filesNamed(marker)).allMatch(p -> p.startsWith(Engines.of(docker).layer(id))
        || p.toString().matches("/var/lib/docker/containers/[0-9a-f]{64}/rootfs/etc/" + marker));
  }

  @Test
  void add_through_a_symlink_in_the_container_follows_it_inside_the_root() throws IOException {
    byte[] escape = Tars.plain().symlink("up", "../../../../../../..").symlink("abs", "/").bytes();
    String dockerfile = "FROM base\nADD escape.tar /\nADD x /up/" + marker + "\nADD x /abs/var/lib/docker/" + marker
        + "\n";
    Response r = build(dockerfile, Tars.plain().file("escape.tar", escape).file("x", "added\n").bytes());
    assertThat(r.text()).contains("Successfully built ");
    String id = built(r);
    assertThat(filesNamed(marker)).isNotEmpty().allMatch(p -> p.toString()
        .matches("/var/lib/docker/(containers/[0-9a-f]{64}/rootfs|graph/[0-9a-f]{64}/layer)/(var/lib/docker/)?"
            + marker));
    assertThat(Engines.of(docker).layer(id).resolve("var/lib/docker/" + marker)).exists();
  }

  @Test
  void add_from_a_context_symlink_that_leads_outside_the_context_is_no_such_file() {
    byte[] context = Tars.plain().symlink("graph", "/var/lib/docker/graph").symlink("root", "../../../..").bytes();
    Response viaAbsolute = build("FROM base\nADD graph /stolen\n", context);
    assertThat(viaAbsolute.text()).endsWith("Error build: stat graph: no such file or directory\n");
    Response viaRelative = build("FROM base\nADD root/var/lib/docker /stolen\n", context);
    assertThat(viaRelative.text()).endsWith("Error build: stat root/var/lib/docker: no such file or directory\n");
    Response viaDotDot = build("FROM base\nADD ../../graph /stolen\n", context);
    assertThat(viaDotDot.text()).endsWith("Error build: stat ../../graph: no such file or directory\n");
  }

  @Test
  void a_build_context_with_traversal_entries_is_an_error_build() {
    Response r = build("FROM base\n", Tars.plain().file("../" + marker, "x").bytes());
    assertThat(r.text()).startsWith("Error build: exit status 2: tar: Invalid tar entry: ../" + marker + "\n");
  }

  @Test
  void volumes_with_dot_dot_stay_inside_the_container_root() throws IOException {
    Response created = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"base\",\"Cmd\":[\"true\"],\"Volumes\":{\"/../../../../" + marker + "\":{}}}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.text().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
    assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
    assertThat(filesNamed(marker)).singleElement().asString()
        .matches("/var/lib/docker/containers/[0-9a-f]{64}/rootfs/" + marker);
  }

  // ------------------------------------------------------------------------------------------------ bodies

  @Test
  void a_declared_body_over_the_limit_is_refused_before_it_is_read() throws IOException {
    RawHttp.Received answer = http.receive("POST /v1.2/images/create?fromSrc=- HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/x-tar\r\nContent-Length: 629145600\r\n\r\n");
    assertThat(answer.failure()).isNull();
    assertThat(answer.text()).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
        .containsIgnoringCase("connection: close")
        .endsWith("\r\n\r\nrequest body too large: more than 4194304 bytes, the daemon's limit\n");
    assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
  }

  @Test
  void the_default_limit_is_512_mib() throws IOException {
    try (MockDocker defaults = MockDocker.builder().fixtures(Fixtures.none()).start()) {
      RawHttp.Received answer = new RawHttp(defaults.uri()).receive("POST /v1.2/build HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 536870913\r\n\r\n");
      assertThat(answer.failure()).isNull();
      assertThat(answer.text()).startsWith("HTTP/1.1 500 ")
          .endsWith("request body too large: more than 536870912 bytes, the daemon's limit\n");
    }
  }

  @Test
  void a_chunked_body_over_the_limit_is_refused_once_the_limit_is_read() throws Exception {
    try (Socket s = http.connect()) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1.2/build HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 << 10];
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < 96; i++) { // 6 MiB, over the 4 MiB limit
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException expected) {
          // the daemon may close before everything is written
        }
      });
      writer.start();
      String answer = RawHttp.readHeadAndBody(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 500 ").containsIgnoringCase("connection: close")
          .endsWith("request body too large: more than 4194304 bytes, the daemon's limit\n");
      writer.join(10_000);
    }
    assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------------------------ JSON

  @Test
  void deeply_nested_json_is_refused_with_go_s_max_depth_text_and_no_stack_overflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    for (String path : List.of("/v1.2/containers/create", "/v1.2/auth", "/v1.2/images/base/push")) {
      Response r = http.post(path, "application/json", deep);
      assertThat(r.status()).as(path).isEqualTo(500);
      assertThat(r.text()).as(path).isEqualTo("invalid character '[' exceeded max depth\n");
    }
    Response objects = http.post("/v1.2/containers/create", "application/json",
        "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
    assertThat(objects.text()).isEqualTo("invalid character '{' exceeded max depth\n");
    Response atLimit = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"base\",\"Cmd\":[\"true\"],\"x\":" + "[".repeat(999) + "]".repeat(999) + "}");
    assertThat(atLimit.status()).isEqualTo(201);
    assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------------------------ the host

  @Test
  void the_engine_s_files_are_on_an_in_memory_file_system() {
    Path layer = Engines.of(docker).layer(Engines.of(docker).inspectImage("base").id());
    assertThat(layer.getFileSystem()).isNotSameAs(FileSystems.getDefault());
    assertThat(layer.getFileSystem().provider().getScheme()).isEqualTo("jimfs");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  Response build(String dockerfile, byte[] context) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Dockerfile\"; filename=\"Dockerfile\"\r\n"
        + "\r\n" + dockerfile + "\r\n").getBytes(StandardCharsets.UTF_8));
    if (context != null) {
      b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Context\"; filename=\"ctx.tar\"\r\n"
          + "\r\n").getBytes(StandardCharsets.UTF_8));
      b.writeBytes(context);
      b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.post("/v1.2/build", "multipart/form-data; boundary=" + BOUNDARY, b.toByteArray());
  }

  String built(Response r) {
    String shortId = r.text().replaceAll("(?s).*Successfully built ([0-9a-f]{12})\n.*", "$1");
    return Engines.of(docker).inspectImage(shortId).id();
  }

  /** Every path on the engine's file system whose last name is {@code name}. */
  List<Path> filesNamed(String name) throws IOException {
    Path root = Engines.of(docker).layer(Engines.of(docker).inspectImage("base").id()).getFileSystem().getPath("/");
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(name)).toList();
    }
  }

  /** What a daemon with a real-disk bug would have left: the marker under /tmp, the working directory or home. */
  void assertNothingOnTheHost() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir : List.of(Path.of("/tmp"), Path.of("/etc"), cwd, cwd.getParent(), Path.of(System.getProperty(
        "java.io.tmpdir")), Path.of(System.getProperty("user.home")))) {
      assertThat(dir.resolve(marker)).as("the host file system").doesNotExist();
      assertThat(dir.resolve("var/lib/docker/" + marker)).doesNotExist();
    }
    assertThat(Path.of("/var/lib/docker", marker)).doesNotExist();
  }
}
