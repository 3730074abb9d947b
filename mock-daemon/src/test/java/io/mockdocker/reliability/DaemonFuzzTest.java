package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.TarLimits;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * R2: Jazzer over what a client controls, on the era profile (1.0–1.2) and the modern one (1.24–1.50): whole raw
 * requests (routing, query parsing, headers, chunking), the JSON body of every endpoint that takes one, build bodies
 * (era multipart, modern tar contexts) and tar uploads (imports, image loads, archive puts). For every input: no
 * hang (no answer within 10 s; a stream whose head came is read for up to 3 s and then left, as a client does),
 * {@code /_ping} answers afterwards, nothing is logged at ERROR or with a stack trace at WARNING, no stack
 * trace reaches standard error, and the answer names no Java type and uses none of the wording of the libraries
 * underneath (Jackson's, Undertow's, the JDK's): text the input itself carried and the daemon echoes back (a
 * Dockerfile line in a build's output) does not count.
 *
 * <p>Logs are collected per input and nothing is cleared before it is checked: after the answer the check waits (up
 * to 2 s) until the daemon's request threads that were idle before the input are idle again, so a log written after
 * the connection closed still belongs to the input that caused it; anything logged between inputs fails the next
 * check, and the class's last check after the final input.
 *
 * <p>In {@code mvn verify} the inputs under {@code src/test/resources/io/mockdocker/reliability/DaemonFuzzTestInputs/}
 * run as regression tests. To fuzz, one target per JVM: {@code mock-daemon/fuzz/run.sh 1h} runs every target in turn
 * for a share of the total, {@code mock-daemon/fuzz/run.sh 10m raw_requests} one (CONTRIBUTING.md, "Fuzzing", gives
 * the Maven command it runs). Findings and the generated corpus go under {@code mock-daemon/target/fuzz/<target>/}
 * ({@code jazzer.internal.basedir}), never into {@code src/test/resources}; a finding worth keeping is copied into the
 * inputs directory by hand.
 */
class DaemonFuzzTest {
  /** Java types, stack frames, Undertow message codes. */
  private static final Pattern JAVA_TYPES = Pattern.compile(
      "\\b(java|javax|jdk|sun|io\\.undertow|com\\.fasterxml|org\\.apache|org\\.xnio|org\\.jboss)\\.[A-Za-z_$][\\w.$]*"
          + "|\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\tat [\\w.$]+\\(|\\bUT[01]\\d{5}");
  /**
   * Phrases of the libraries under the daemon, none of which docker 28 says: Jackson's parser and binder, Undertow's
   * argument checks, the JDK's number, index, null, charset, base64 and zip messages.
   */
  private static final Pattern LIBRARY_WORDING = Pattern.compile(String.join("|",
      "Illegal unquoted character", "has to be escaped using backslash", "\\(CTRL-CHAR", "Invalid UTF-8",
      "Unexpected character \\(", "Unrecognized token", "Unexpected end-of-input", "was expecting", "at \\[Source:",
      "Invalid numeric value", "Leading zeroes not allowed", "Non-standard token", "Unrecognized character escape",
      "Unexpected close marker", "Illegal character \\(", "Numeric value \\(.*\\) out of range", "Cannot deserialize",
      "Cannot construct instance", "Unrecognized field", "Illegal white space character", "Cannot coerce",
      "Duplicate field '", "line: \\d+, column: \\d+", "may not be null", "For input string", "out of bounds for length",
      "Cannot invoke \"", "because \"[a-z]", "Malformed input or input contains unmappable", "Input length = \\d",
      "Illegal base64 character", "Not in GZIP format", "Corrupt GZIP trailer", "Unexpected end of ZLIB input",
      "invalid (stored block lengths|block type|distance too far back|code lengths set|literal/lengths set)",
      "begin -?\\d+, end -?\\d+, length \\d+", "Java heap space", "GC overhead limit"));
  /** The start of a stack trace as {@code Throwable.printStackTrace} writes it. */
  private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(|^Caused by: |^[\\w.$]+(Exception|Error)(: |$)");
  private static final int TIMEOUT_MS = 10_000;

  /** An error, or a warning with a stack trace: a client that leaves may be worth one plain line, no more. */
  private static final Leaks.LogCapture LOGGED = new Leaks.LogCapture(r -> r.getLevel().intValue()
      >= Level.SEVERE.intValue() || r.getLevel().intValue() >= Level.WARNING.intValue() && r.getThrown() != null);
  private static final ByteArrayOutputStream STDERR = new ByteArrayOutputStream();
  private static final AtomicLong INPUTS = new AtomicLong();
  private static MockDocker era;
  private static MockDocker modern;
  private static String modernExec;
  private static PrintStream originalErr;

  /** The era daemon: default fixtures, small limits so that a large input is refused rather than stored. */
  private static synchronized MockDocker era() {
    if (era == null) {
      setUp();
      era = limited(MockDocker.builder()).start();
    }
    return era;
  }

  /**
   * The modern daemon, with busybox, a running container {@code fz} (so that update, exec, commit and network
   * connect reach their body), a network {@code fznet} and an exec instance.
   */
  private static synchronized MockDocker modern() {
    if (modern == null) {
      setUp();
      modern = limited(MockDocker.builder().profile(ApiProfile.modern())).start();
      modern.preload("busybox:latest");
      try (SilentCloseable loopback = allowLoopback()) {
        RawHttp http = new RawHttp(modern.uri());
        assertThat(http.post("/v1.50/containers/create?name=fz", "application/json",
            "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000000\"]}").status()).isEqualTo(201);
        assertThat(http.post("/v1.50/containers/fz/start").status()).isEqualTo(204);
        assertThat(http.post("/v1.50/networks/create", "application/json", "{\"Name\":\"fznet\"}").status())
            .isEqualTo(201);
        String exec = http.post("/v1.50/containers/fz/exec", "application/json", "{\"Cmd\":[\"true\"]}").text();
        modernExec = exec.replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1");
      }
    }
    return modern;
  }

  private static MockDocker.Builder limited(MockDocker.Builder builder) {
    return builder.fixtures(Fixtures.defaults()).tarLimits(new TarLimits(16 << 20, TarLimits.DEFAULT.maxEntries()))
        .maxRequestBodySize(8 << 20).journalCapacity(100);
  }

  /** Once per JVM: standard error is teed, so that a stack trace printed there is a finding too. */
  private static void setUp() {
    if (era != null || modern != null) {
      return;
    }
    PrintStream original = System.err;
    originalErr = original;
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (STDERR) {
          STDERR.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (STDERR) {
          STDERR.write(b, off, len);
        }
        original.write(b, off, len);
      }
    }, true));
  }

  /**
   * For one input: the test's own connections to its daemons on loopback are allowed past Jazzer's request-forgery
   * detector (which Jazzer arms again when fuzzing starts); a connection anywhere else still is a finding. Without
   * Jazzer's agent there is no detector and nothing to allow.
   */
  private static SilentCloseable allowLoopback() {
    try {
      return BugDetectors.allowNetworkConnections((host, port) -> {
        try {
          return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
          return false;
        }
      });
    } catch (RuntimeException noDetector) {
      return () -> {};
    }
  }

  @FuzzTest(maxDuration = "60s")
  void raw_requests(byte[] request) throws IOException {
    check(era(), request);
  }

  @FuzzTest(maxDuration = "60s")
  void json_bodies(byte[] body) throws IOException {
    for (String path : List.of("/v1.2/containers/create", "/v1.2/auth", "/v1.1/auth", "/v1.2/images/base/push",
        "/v1.2/commit?container=none&run=1")) {
      check(era(), request("POST", path, "application/json", body));
    }
  }

  @FuzzTest(maxDuration = "60s")
  void multipart_builds(byte[] body) throws IOException {
    check(era(), request("POST", "/v1.2/build", "multipart/form-data; boundary=b", body));
  }

  @FuzzTest(maxDuration = "60s")
  void tar_imports(byte[] tar) throws IOException {
    check(era(), request("POST", "/v1.2/images/create?fromSrc=-&repo=fuzz", "application/x-tar", tar));
  }

  @FuzzTest(maxDuration = "60s")
  void modern_raw_requests(byte[] request) throws IOException {
    check(modern(), request);
  }

  /**
   * Every modern endpoint that reads a JSON body. The input's first byte picks the endpoint (modulo their number),
   * the rest is the body, so that the fuzzer learns each endpoint's shape from its seeds.
   */
  static final List<String> MODERN_JSON = List.of(
      "POST /v1.50/containers/create",
      "POST /v1.50/containers/fz/update",
      "POST /v1.50/containers/fz/exec",
      "POST /v1.50/exec/{exec}/start",
      "POST /v1.50/commit?container=fz&repo=fuzzc",
      "POST /v1.50/auth",
      "POST /v1.50/networks/create",
      "POST /v1.50/networks/fznet/connect",
      "POST /v1.50/networks/fznet/disconnect",
      "POST /v1.50/volumes/create",
      "POST /v1.50/swarm/init",
      "POST /v1.50/swarm/join",
      "POST /v1.50/swarm/update?version=1",
      "POST /v1.50/swarm/unlock",
      "POST /v1.50/services/create",
      "POST /v1.50/services/x/update?version=1",
      "POST /v1.50/secrets/create",
      "POST /v1.50/secrets/x/update?version=1",
      "POST /v1.50/configs/create",
      "POST /v1.50/configs/x/update?version=1",
      "POST /v1.50/nodes/x/update?version=1",
      "POST /v1.50/plugins/pull?remote=x",
      "POST /v1.50/plugins/x/set",
      "POST /v1.50/plugins/x/upgrade?remote=x",
      "POST /v1.24/containers/create");

  @FuzzTest(maxDuration = "60s")
  void modern_json_bodies(byte[] input) throws IOException {
    checkPicked(MODERN_JSON, "application/json", input);
  }

  /** Sends all but the first byte of {@code input} to the endpoint of {@code endpoints} that the first byte picks. */
  private static void checkPicked(List<String> endpoints, String type, byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    MockDocker d = modern();
    String[] target = endpoints.get(Byte.toUnsignedInt(input[0]) % endpoints.size()).replace("{exec}", modernExec)
        .split(" ");
    check(d, request(target[0], target[1], type, Arrays.copyOfRange(input, 1, input.length)));
  }

  /** Tar uploads on the modern profile; the first byte picks the endpoint, as above. */
  static final List<String> MODERN_TARS = List.of(
      "POST /v1.50/build?t=fuzzb",
      "POST /v1.50/images/load?quiet=1",
      "PUT /v1.50/containers/fz/archive?path=/tmp",
      "POST /v1.50/images/create?fromSrc=-&repo=fuzzi");

  @FuzzTest(maxDuration = "60s")
  void modern_tar_bodies(byte[] input) throws IOException {
    checkPicked(MODERN_TARS, "application/x-tar", input);
  }

  /**
   * After the last input (of a regression run, or of a fuzzing run): nothing logged late. Then the daemons close
   * (the modern one runs a container for ever, which later tests in the JVM must not count as theirs) and standard
   * error is given back.
   */
  @AfterAll
  static void nothing_logged_after_the_last_input() {
    if (era == null && modern == null) {
      return;
    }
    try {
      quiesce(Set.of());
      assertThat(LOGGED.drain()).as("logged after the last input").isEmpty();
      assertThat(stackTraces(drainStderr())).as("stack traces on stderr after the last input").isEmpty();
    } finally {
      for (MockDocker d : new MockDocker[] {era, modern}) {
        if (d != null) {
          d.close();
        }
      }
      era = null;
      modern = null;
      LOGGED.close();
      System.setErr(originalErr);
    }
  }

  private static byte[] request(String method, String path, String type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: fuzz\r\nContent-Type: " + type + "\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends the bytes as they are, half-closes, reads the answer; waits for the daemon to be done; the invariants. */
  private static void check(MockDocker d, byte[] request) throws IOException {
    try (SilentCloseable loopback = allowLoopback()) {
      checkAllowed(d, request);
    }
  }

  private static void checkAllowed(MockDocker d, byte[] request) throws IOException {
    // anything logged since the previous input's check would be a late log of it: it fails here rather than vanish
    List<String> before = LOGGED.drain();
    assertThat(before).as("logged between inputs (after the previous input's check)").isEmpty();
    drainStderr();
    Set<Thread> busyBefore = Leaks.busyRequestThreads();
    String answer;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", d.port()), 2000);
      s.setSoTimeout(TIMEOUT_MS);
      s.getOutputStream().write(request);
      s.shutdownOutput();
      answer = read(s);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within 10 s to " + printable(request), e);
    } catch (IOException reset) {
      answer = ""; // the daemon may close on a malformed request: that is an answer too
    }
    assertThat(new RawHttp(d.uri()).get("/_ping").status()).as("/_ping after %s", printable(request)).isEqualTo(200);
    quiesce(busyBefore);
    assertThat(LOGGED.drain()).as("logged for %s", printable(request)).isEmpty();
    assertThat(stackTraces(drainStderr())).as("stack trace on stderr for %s", printable(request)).isEmpty();
    assertThat(javaTexts(answer, request)).as("Java or library wording in the answer %s", answer).isEmpty();
    if (INPUTS.incrementAndGet() % 2000 == 0) {
      tidy();
    }
  }

  /**
   * The Java type names and library phrases in {@code answer} that the request did not carry itself: a build
   * echoing {@code RUN java.lang.Thread} or a name quoted back in a "No such image" is not a finding.
   */
  static List<String> javaTexts(String answer, byte[] request) {
    String sent = new String(request, StandardCharsets.ISO_8859_1);
    String sentUtf8 = new String(request, StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    for (Pattern p : List.of(JAVA_TYPES, LIBRARY_WORDING)) {
      Matcher m = p.matcher(answer);
      while (m.find()) {
        String text = m.group();
        if (!sent.contains(text) && !sentUtf8.contains(text)) {
          found.add(text);
        }
      }
    }
    return found;
  }

  /**
   * Waits until no request thread of the daemons that was idle before the input is still working, for up to 2 s.
   * One that stays busy longer (a stream following a container that never writes, say) is left to run, and is
   * then part of the next input's baseline; a log it writes later fails the next input's first check, naming it as
   * logged between inputs.
   */
  private static void quiesce(Set<Thread> busyBefore) {
    long end = System.nanoTime() + 2_000_000_000L;
    while (!busyBefore.containsAll(Leaks.busyRequestThreads()) && System.nanoTime() < end) {
      Thread.onSpinWait();
      LockSupport.parkNanos(200_000);
    }
  }

  private static String drainStderr() {
    synchronized (STDERR) {
      String text = STDERR.toString(StandardCharsets.UTF_8);
      STDERR.reset();
      return text;
    }
  }

  private static List<String> stackTraces(String stderr) {
    List<String> out = new ArrayList<>();
    Matcher m = STACK_TRACE.matcher(stderr);
    while (m.find()) {
      out.add(stderr.substring(Math.max(0, m.start() - 200), Math.min(stderr.length(), m.end() + 200)));
    }
    return out;
  }

  /** Every 2,000 inputs: what the inputs created goes, so that a long session measures the daemon, not its heap. */
  private static void tidy() {
    if (modern != null) {
      RawHttp http = new RawHttp(modern.uri());
      http.post("/v1.50/containers/prune");
      http.post("/v1.50/networks/prune");
      http.post("/v1.50/volumes/prune?filters=%7B%22all%22%3A%5B%22true%22%5D%7D");
      http.post("/v1.50/images/prune?filters=%7B%22dangling%22%3A%5B%22false%22%5D%7D");
    }
    if (era != null) {
      RawHttp http = new RawHttp(era.uri());
      String list = http.get("/v1.2/containers/json?all=1").text();
      Matcher ids = Pattern.compile("\"Id\":\"([0-9a-f]+)\"").matcher(list);
      while (ids.find()) {
        http.delete("/v1.2/containers/" + ids.group(1));
      }
    }
  }

  /**
   * Reads the answer to its end, keeping the first MiB (a client that stops reading would make the daemon's write
   * fail). A stream (stats, events, the logs of a running container) whose head has come is read for 3 s at most
   * and then left, as a client leaves it.
   */
  private static String read(Socket s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[8192];
    long headAt = 0;
    try {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        out.write(buffer, 0, Math.min(n, Math.max(0, (1 << 20) - out.size())));
        if (headAt == 0 && out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          headAt = System.nanoTime();
          s.setSoTimeout(1000);
        }
        if (headAt != 0 && System.nanoTime() - headAt > 3_000_000_000L) {
          break;
        }
      }
    } catch (SocketTimeoutException quiet) {
      if (headAt == 0) {
        throw quiet;
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String printable(byte[] request) {
    String s = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
