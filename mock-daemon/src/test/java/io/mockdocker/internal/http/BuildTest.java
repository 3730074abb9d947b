package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /build: multipart in, raw text out, the cache, failures inside a 200. */
class BuildTest {
  static final String IMG = Fixed.id('e');
  static final String BOUNDARY = "XyZ";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry().image(RemoteImage.builder(IMG).file("/etc/hostname", "x\n").build()).tag("img", "latest", IMG);
    docker.preload("img");
    docker.script(ProcessMatch.command("/bin/sh", "-c", "false"), ProcessScript.builder().exit(1).build());
    docker.script(ProcessMatch.command("/bin/sh", "-c", "make"),
        ProcessScript.builder().stdout("building\n").file("/app/built", "ok\n").build());
    http = daemon.http();
  }

  static byte[] multipart(String dockerfile, byte[] context) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Dockerfile\"; filename=\"Dockerfile\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + dockerfile + "\r\n").getBytes(StandardCharsets.UTF_8));
    if (context != null) {
      b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Context\"; filename=\"ctx.tar\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      b.writeBytes(context);
      b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  Response build(String query, String dockerfile, byte[] context) {
    return http.post("/v1.2/build" + query, "multipart/form-data; boundary=" + BOUNDARY, multipart(dockerfile, context));
  }

  /** Replaces each 12-hex ID with {@code <id>} so that the line structure can be compared exactly. */
  static String shape(String output) {
    return output.replaceAll("[0-9a-f]{12}", "<id>");
  }

  @Test
  void a_successful_build_prints_each_step_and_tags_the_result() {
    Response r = build("?t=me/app:v1", "FROM img\nMAINTAINER Me <me@x>\nRUN make\nCMD [\"cat\",\"/app/built\"]\n", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(shape(r.text())).isEqualTo("Step 1 : FROM img\n ---> <id>\n"
        + "Step 2 : MAINTAINER Me <me@x>\n ---> Running in <id>\n ---> <id>\n"
        + "Step 3 : RUN make\n ---> Running in <id>\n ---> <id>\n"
        + "Step 4 : CMD [\"cat\",\"/app/built\"]\n ---> Running in <id>\n ---> <id>\n"
        + "Successfully built <id>\n");
    assertThat(r.text()).startsWith("Step 1 : FROM img\n ---> " + IMG.substring(0, 12) + "\n");
    Matcher m = Pattern.compile("Successfully built ([0-9a-f]{12})").matcher(r.text());
    assertThat(m.find()).isTrue();
    var image = Engines.of(docker).inspectImage("me/app:v1");
    assertThat(image.id()).startsWith(m.group(1));
    assertThat(image.config().cmd()).containsExactly("cat", "/app/built");
    assertThat(image.author()).isEqualTo("Me <me@x>");
    assertThat(Engines.of(docker).history("me/app:v1")).extracting(h -> String.join(" ",
        h.image().containerConfig().cmd() == null ? java.util.List.of() : h.image().containerConfig().cmd()))
        .startsWith("/bin/sh -c #(nop) CMD [cat /app/built]", "/bin/sh -c make",
            "/bin/sh -c #(nop) MAINTAINER Me <me@x>");
  }

  @Test
  void a_second_identical_build_uses_the_cache() {
    build("", "FROM img\nRUN make\n", null);
    Response again = build("", "FROM img\nRUN make\n", null);
    assertThat(shape(again.text())).isEqualTo("Step 1 : FROM img\n ---> <id>\n"
        + "Step 2 : RUN make\n ---> Using cache\n ---> <id>\nSuccessfully built <id>\n");
  }

  @Test
  void a_failing_run_ends_with_error_build_and_status_200() {
    Response r = build("", "FROM img\nRUN false\nRUN make\n", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(shape(r.text())).isEqualTo("Step 1 : FROM img\n ---> <id>\n"
        + "Step 2 : RUN false\n ---> Running in <id>\n"
        + "Error build: The command [/bin/sh -c false] returned a non-zero code: 1\n");
  }

  @Test
  void unknown_instructions_are_skipped_and_still_counted() {
    Response r = build("", "FROM img\nFROBNICATE it\n", null);
    assertThat(shape(r.text())).isEqualTo("Step 1 : FROM img\n ---> <id>\n"
        + "Step 2 : FROBNICATE it\n# Skipping unknown instruction FROBNICATE\nSuccessfully built <id>\n");
  }

  @Test
  void malformed_and_empty_dockerfiles_fail_inside_the_stream() {
    assertThat(build("", "FROM\n", null).text()).isEqualTo("Error build: Invalid Dockerfile format\n");
    assertThat(build("", "# nothing\n", null).text()).isEqualTo("Error build: An error occured during the build\n\n");
    assertThat(build("", "FROM img\nINSERT a b\n", null).text())
        .endsWith("Error build: INSERT has been deprecated. Please use ADD instead\n");
  }

  @Test
  void add_copies_a_file_from_the_context() throws Exception {
    byte[] context = Fixed.tar(Map.of("./hello.txt", "hi there\n"));
    Response r = build("?t=added", "FROM img\nADD hello.txt /srv/hello.txt\n", context);
    assertThat(shape(r.text())).isEqualTo("Step 1 : FROM img\n ---> <id>\n"
        + "Step 2 : ADD hello.txt /srv/hello.txt\n ---> Running in <id>\n ---> <id>\nSuccessfully built <id>\n");
    String id = Engines.of(docker).inspectImage("added").id();
    assertThat(java.nio.file.Files.readString(Engines.of(docker).layer(id).resolve("srv/hello.txt")))
        .isEqualTo("hi there\n");
  }

  @Test
  void add_without_a_context_fails() {
    assertThat(build("", "FROM img\nADD a /b\n", null).text())
        .endsWith("Error build: No context given. Impossible to use ADD\n");
  }

  @Test
  void from_an_image_that_is_not_local_pulls_it_in_raw_text() {
    String other = Fixed.id('f');
    docker.registry().image(Fixed.image(other, "", 2048, "./o", "o")).tag("other", "latest", other);
    Response r = build("", "FROM other\n", null);
    assertThat(r.text()).isEqualTo("Step 1 : FROM other\n"
        + "Pulling repository other from https://index.docker.io/v1\r\n"
        + "Pulling image " + other + " (latest) from other\r\n"
        + "Pulling " + other + " metadata\r\n"
        + "Pulling " + other + " fs layer\r\n"
        + "Downloading 2.048 kB/2.048 kB (100%)\r"
        + "\r\n"
        + " ---> " + other.substring(0, 12) + "\n"
        + "Successfully built " + other.substring(0, 12) + "\n");
  }

  @Test
  void bodies_that_are_not_multipart_get_the_go_1_1_errors() {
    Response none = http.send("POST", "/build", null, "x".getBytes(StandardCharsets.UTF_8));
    assertThat(none.status()).isEqualTo(500);
    assertThat(none.text()).isEqualTo("mime: no media type\n");
    Response json = http.post("/build", "application/json", "{}");
    assertThat(json.text()).isEqualTo("http: no such file\n");
    Response broken = http.post("/build", "multipart/form-data; boundary=" + BOUNDARY, "garbage");
    assertThat(broken.status()).isEqualTo(500);
    assertThat(http.get("/version").status()).isEqualTo(200);
  }
}
