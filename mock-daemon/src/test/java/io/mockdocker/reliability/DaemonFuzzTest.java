package io.mockdocker.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mockdocker.MockDocker;
import io.mockdocker.TarLimits;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R2: Jazzer over what a client controls: whole raw requests (routing, query parsing, headers), JSON bodies,
 * multipart build bodies and tar imports. No input may make a Java exception escape (the daemon logs none, and no
 * answer names one), hang (10 s per request), or leave the daemon unable to answer {@code /_ping}.
 *
 * <p>In {@code mvn verify} the inputs under {@code src/test/resources/io/mockdocker/reliability/DaemonFuzzTestInputs/}
 * run as regression tests. To fuzz (each method for its {@code maxDuration}, new findings land in that directory):
 * {@code JAZZER_FUZZ=1 mvn -B -o -pl mock-daemon test -Dtest=DaemonFuzzTest}.
 */
class DaemonFuzzTest {
  private static final Pattern JAVA_TEXT = Pattern.compile(
      "(?s).*(\\b(java|javax|sun|io\\.undertow|com\\.fasterxml|org\\.apache|org\\.xnio)\\.[A-Za-z_.$]+"
          + "|[A-Z][A-Za-z]*(Exception|Error)\\b|\\tat |UT0\\d{5}).*");
  private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getThrown() != null) {
        LOGGED.add(record.getLoggerName() + ": " + record.getMessage() + ": " + record.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  /** Kept strongly: java.util.logging holds loggers weakly. */
  private static final List<Logger> WATCHED = List.of(Logger.getLogger("io.mockdocker"),
      Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"));

  private static MockDocker docker;

  private static synchronized MockDocker daemon() {
    if (docker == null) {
      WATCHED.forEach(l -> l.addHandler(CAPTURE));
      docker = MockDocker.builder().fixtures(Fixtures.defaults()).tarLimits(new TarLimits(16 << 20, TarLimits.DEFAULT.maxEntries()))
          .maxRequestBodySize(8 << 20).journalCapacity(100).start();
      Runtime.getRuntime().addShutdownHook(new Thread(docker::close));
    }
    return docker;
  }

  @FuzzTest(maxDuration = "60s")
  void raw_requests(byte[] request) throws IOException {
    check(request);
  }

  @FuzzTest(maxDuration = "60s")
  void json_bodies(byte[] body) throws IOException {
    for (String path : List.of("/v1.2/containers/create", "/v1.2/auth", "/v1.1/auth", "/v1.2/images/base/push",
        "/v1.2/commit?container=none&run=1")) {
      check(post(path, "application/json", body));
    }
  }

  @FuzzTest(maxDuration = "60s")
  void multipart_builds(byte[] body) throws IOException {
    check(post("/v1.2/build", "multipart/form-data; boundary=b", body));
  }

  @FuzzTest(maxDuration = "60s")
  void tar_imports(byte[] tar) throws IOException {
    check(post("/v1.2/images/create?fromSrc=-&repo=fuzz", "application/x-tar", tar));
  }

  private static byte[] post(String path, String type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: fuzz\r\nContent-Type: " + type + "\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends the bytes as they are, half-closes, reads the answer; then the invariants. */
  private static void check(byte[] request) throws IOException {
    MockDocker d = daemon();
    LOGGED.clear();
    String answer;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", d.port()), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request);
      s.shutdownOutput();
      answer = read(s.getInputStream());
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within 10 s to " + printable(request), e);
    } catch (IOException reset) {
      answer = ""; // the daemon may close on a malformed request: that is an answer too
    }
    assertThat(LOGGED).as("exceptions logged for %s", printable(request)).isEmpty();
    assertThat(JAVA_TEXT.matcher(answer).matches()).as("a Java text in %s", answer).isFalse();
    assertThat(new RawHttp(d.uri()).get("/_ping").status()).isEqualTo(200);
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n != -1 && out.size() < (1 << 20); n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String printable(byte[] request) {
    String s = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
