package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /images/create with {@code fromSrc}: import a tarball from the body or from a URL. */
class ImportTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern LAST_STATUS = Pattern.compile("\\{\"status\":\"([0-9a-f]{12})\"}$");
  static final byte[] TAR = Fixed.tar(Map.of("./etc/hostname", "imported\n", "./bin/tool", "#!/bin/sh\n"));

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  static byte[] compress(byte[] data, Compressor c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = c.wrap(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  static byte[] body(String compression) throws IOException {
    return switch (compression) {
      case "none" -> TAR;
      case "gzip" -> compress(TAR, GzipCompressorOutputStream::new);
      case "bzip2" -> compress(TAR, BZip2CompressorOutputStream::new);
      case "xz" -> compress(TAR, XZCompressorOutputStream::new);
      default -> throw new IllegalArgumentException(compression);
    };
  }

  static String shortIdOf(Response r) {
    Matcher m = LAST_STATUS.matcher(r.text());
    assertThat(m.find()).as("last message of %s", r.text()).isTrue();
    return m.group(1);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  Response importBody(String query, byte[] body) {
    return http.post("/v1.2/images/create?fromSrc=-" + query, "application/octet-stream", body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "bzip2", "xz"})
  void import_from_the_body_detects_the_compression(String compression) throws Exception {
    Response r = importBody("", body(compression));
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).matches("\\{\"status\":\"[0-9a-f]{12}\"}");
    String id = Engines.of(docker).inspectImage(shortIdOf(r)).id();
    assertThat(Files.readString(Engines.of(docker).layer(id).resolve("etc/hostname"))).isEqualTo("imported\n");
    assertThat(Files.readString(Engines.of(docker).layer(id).resolve("bin/tool"))).isEqualTo("#!/bin/sh\n");
  }

  @Test
  void import_from_the_body_is_not_flushed_so_it_has_a_content_length() {
    Response r = importBody("", TAR);
    assertThat(r.chunked()).isFalse();
    assertThat(r.header("Transfer-Encoding")).isNull();
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
    assertThat(r.body().length).isEqualTo("{\"status\":\"\"}".length() + 12);
  }

  @Test
  void the_imported_image_has_the_fields_of_a_local_image_without_parent_or_config() throws Exception {
    String shortId = shortIdOf(importBody("", TAR));
    Response r = http.get("/v1.2/images/" + shortId + "/json");
    JsonNode img = JSON.readTree(r.body());
    assertThat(fieldNames(img)).containsExactly("id", "comment", "created", "container_config", "docker_version",
        "architecture", "Size");
    assertThat(img.get("id").asText()).hasSize(64).startsWith(shortId);
    assertThat(img.get("comment").asText()).isEqualTo("Imported from -");
    assertThat(img.get("docker_version").asText()).isEqualTo("0.4.4");
    assertThat(img.get("architecture").asText()).isEqualTo("x86_64");
    assertThat(img.get("container_config").toString()).isEqualTo("{\"Hostname\":\"\",\"User\":\"\",\"Memory\":0,"
        + "\"MemorySwap\":0,\"CpuShares\":0,\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,"
        + "\"PortSpecs\":null,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,"
        + "\"Dns\":null,\"Image\":\"\",\"Volumes\":null,\"VolumesFrom\":\"\"}");
    // "/", "/bin", "/etc" at 4096 each, plus the two files
    assertThat(img.get("Size").asLong()).isEqualTo(3 * 4096 + 9 + 10);
    Image image = Engines.of(docker).inspectImage(shortId);
    assertThat(image.parent()).isEmpty();
    assertThat(image.container()).isEmpty();
    assertThat(image.config()).isNull();
  }

  @Test
  void repo_and_tag_tag_the_new_image() {
    String tagged = shortIdOf(importBody("&repo=imported&tag=v1", TAR));
    String latest = shortIdOf(importBody("&repo=user/imported", TAR));
    assertThat(Engines.of(docker).repositories().get("imported")).containsOnlyKeys("v1");
    assertThat(Engines.of(docker).repositories().get("imported").get("v1")).startsWith(tagged);
    assertThat(Engines.of(docker).repositories().get("user/imported").get("latest")).startsWith(latest);
    assertThat(tagged).isNotEqualTo(latest);
  }

  @Test
  void a_tag_without_repo_tags_nothing() {
    importBody("&tag=v1", TAR);
    assertThat(Engines.of(docker).repositories()).isEmpty();
    assertThat(Engines.of(docker).allImages()).hasSize(1);
  }

  @Test
  void import_from_a_url_downloads_with_importing_progress() throws Exception {
    docker.registry().url("http://example.com/rootfs.tar", TAR);
    Response r = http.post("/v1.2/images/create?fromSrc=http://example.com/rootfs.tar&repo=web");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.chunked()).isTrue();
    String shortId = shortIdOf(r);
    assertThat(r.text()).isEqualTo("{\"status\":\"Downloading from http://example.com/rootfs.tar\"}"
        + "{\"status\":\"Importing\",\"progress\":\"3.072 kB/3.072 kB (100%)\"}"
        + "{}"
        + "{\"status\":\"" + shortId + "\"}");
    Image image = Engines.of(docker).inspectImage("web");
    assertThat(image.id()).startsWith(shortId);
    assertThat(image.comment()).isEqualTo("Imported from http://example.com/rootfs.tar");
    assertThat(Files.readString(Engines.of(docker).layer(image.id()).resolve("etc/hostname"))).isEqualTo("imported\n");
  }

  @Test
  void import_from_a_url_flushes_the_first_status_together_with_the_first_progress() {
    docker.registry().url("http://example.com/rootfs.tar", TAR);
    Response r = http.post("/v1.2/images/create?fromSrc=http://example.com/rootfs.tar");
    List<String> chunks = r.chunks().stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
    assertThat(chunks.get(0)).isEqualTo("{\"status\":\"Downloading from http://example.com/rootfs.tar\"}"
        + "{\"status\":\"Importing\",\"progress\":\"3.072 kB/3.072 kB (100%)\"}");
    assertThat(chunks.get(1)).isEqualTo("{}");
    assertThat(String.join("", chunks.subList(2, chunks.size()))).matches("\\{\"status\":\"[0-9a-f]{12}\"}");
  }

  @Test
  void a_large_download_reports_progress_by_the_one_percent_cadence() {
    byte[] big = Fixed.tar(102400, Map.of("./big", "x".repeat(90000)));
    docker.registry().url("http://example.com/big.tar", big);
    Response r = http.post("/v1.2/images/create?fromSrc=http://example.com/big.tar");
    assertThat(r.text()).startsWith("{\"status\":\"Downloading from http://example.com/big.tar\"}"
        + "{\"status\":\"Importing\",\"progress\":\"32.77 kB/102.4 kB (32%)\"}"
        + "{\"status\":\"Importing\",\"progress\":\"65.54 kB/102.4 kB (64%)\"}"
        + "{\"status\":\"Importing\",\"progress\":\"98.3 kB/102.4 kB (96%)\"}"
        + "{\"status\":\"Importing\",\"progress\":\"102.4 kB/102.4 kB (100%)\"}"
        + "{}{\"status\":\"");
  }

  @Test
  void a_source_without_scheme_is_fetched_over_http() {
    docker.registry().url("http://example.com/rootfs.tar", TAR);
    Response r = http.post("/v1.2/images/create?fromSrc=example.com/rootfs.tar");
    assertThat(r.text()).startsWith("{\"status\":\"Downloading from http://example.com/rootfs.tar\"}");
    String shortId = shortIdOf(r);
    // the comment keeps fromSrc as given
    assertThat(Engines.of(docker).inspectImage(shortId).comment()).isEqualTo("Imported from example.com/rootfs.tar");
  }

  @Test
  void a_missing_url_is_an_error_inside_the_stream_after_the_first_message() {
    Response r = http.post("/v1.2/images/create?fromSrc=http://example.com/nope.tar");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"status\":\"Downloading from http://example.com/nope.tar\"}"
        + "{\"error\":\"Got HTTP status code \\u003e= 400: 404 Not Found\"}");
    // nothing was flushed before the handler returned: the whole answer has a Content-Length
    assertThat(r.chunked()).isFalse();
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
    assertThat(Engines.of(docker).allImages()).isEmpty();
  }

  @Test
  void a_url_with_garbage_fails_inside_the_stream_after_the_progress() {
    docker.registry().url("http://example.com/junk", "this is not a tar archive at all".getBytes(StandardCharsets.UTF_8));
    Response r = http.post("/v1.2/images/create?fromSrc=http://example.com/junk");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"status\":\"Downloading from http://example.com/junk\"}"
        + "{\"status\":\"Importing\",\"progress\":\"32 B/32 B (100%)\"}{}"
        + "{\"error\":\"exit status 2: tar: This does not look like a tar archive\\n"
        + "tar: Exiting with failure status due to previous errors\\n\"}");
  }

  @Test
  void an_empty_body_is_a_500_eof() {
    Response r = importBody("", new byte[0]);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("EOF\n");
  }

  @Test
  void a_body_shorter_than_the_compression_peek_is_a_500_eof() {
    assertThat(importBody("", "short".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("EOF\n");
  }

  @Test
  void a_garbage_body_is_a_500_with_the_gnu_tar_text() {
    Response r = importBody("&repo=bad", "this is not a tar archive at all".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("exit status 2: tar: This does not look like a tar archive\n"
        + "tar: Exiting with failure status due to previous errors\n\n");
    assertThat(Engines.of(docker).allImages()).isEmpty();
    assertThat(Engines.of(docker).repositories()).isEmpty();
  }

  @Test
  void a_truncated_tar_is_a_500_unexpected_eof() {
    byte[] cut = java.util.Arrays.copyOf(TAR, 700); // inside the first file's data block
    Response r = importBody("", cut);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("exit status 2: tar: Unexpected EOF in archive\n"
        + "tar: Error is not recoverable: exiting now\n\n");
  }

  @Test
  void a_bad_repository_name_fails_after_the_image_was_created() {
    Response r = importBody("&repo=a:b", TAR);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("Illegal repository name: a:b\n");
    assertThat(Engines.of(docker).allImages()).hasSize(1);
  }

  @Test
  void v1_0_import_answers_raw_text() {
    Response r = http.post("/v1.0/images/create?fromSrc=-", "application/octet-stream", TAR);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.chunked()).isFalse();
    assertThat(r.text()).matches("[0-9a-f]{12}\r\n");
    assertThat(Engines.of(docker).inspectImage(r.text().trim()).comment()).isEqualTo("Imported from -");
  }

  @Test
  void v1_0_import_from_a_url_answers_raw_progress_lines() {
    docker.registry().url("http://example.com/rootfs.tar", TAR);
    Response r = http.post("/v1.0/images/create?fromSrc=http://example.com/rootfs.tar");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).matches("Downloading from http://example.com/rootfs.tar\r\n"
        + "Importing 3.072 kB/3.072 kB \\(100%\\)\r\r\n[0-9a-f]{12}\r\n");
  }

  @Test
  void v1_0_missing_url_ends_with_an_error_line() {
    Response r = http.post("/v1.0/images/create?fromSrc=http://example.com/nope.tar");
    assertThat(r.text()).isEqualTo("Downloading from http://example.com/nope.tar\r\n"
        + "Error: Got HTTP status code >= 400: 404 Not Found\r\n");
  }

  @Test
  void v1_1_import_is_a_json_stream() {
    Response r = http.post("/v1.1/images/create?fromSrc=-", "application/octet-stream", TAR);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).matches("\\{\"status\":\"[0-9a-f]{12}\"}");
  }
}
