package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.Tars;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * R1: 16 threads of random lifecycle operations over HTTP against one daemon, each request with a 20 s socket
 * timeout; then the invariants. Once on the era profile (containers, images, commits, builds) and once on the modern
 * one (containers with published ports and volumes, exec, networks, volumes, pause, restart, logs, builds, prunes).
 * CI runs 300 operations a thread ({@code -Dreliability.ops=5000} for the goal size; {@code -Dreliability.seed=N}
 * repeats a run, and every run prints its seed). The time cap grows with the operation count.
 */
class ConcurrencyTest {
  static final int THREADS = 16;
  static final int OPS = Leaks.iterations("reliability.ops", 300);
  static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
  /** Generous: 150 s for the CI size, half a second an operation beyond it. */
  static final long CAP_MS = Math.max(150_000L, OPS * 500L);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BOUNDARY = "concurrency-boundary";

  /**
   * The 5xx texts a race can legitimately produce: the daemon's own words for an image or container that another
   * thread removed, changed or is using at that moment. Anything else in a 500 (a Java exception's text, an
   * Undertow message, a file path of the engine's) is a bug.
   */
  static final List<Pattern> EXPECTED_500 = List.of(
      Pattern.compile("Conflict, .*"),
      Pattern.compile("Error deleting image .*"),
      Pattern.compile("Error starting container [0-9a-f]{12}: The container [0-9a-f]{64} is already running\\."),
      Pattern.compile("Error destroying container .*"),
      Pattern.compile("Image does not exist: .*"),
      Pattern.compile("No such image: .*"),
      Pattern.compile("No such container: .*"),
      Pattern.compile("No such id: .*"),
      Pattern.compile(".* (pull|push) is already in progress"));

  static final List<List<String>> COMMANDS = List.of(List.of("true"), List.of("echo", "hi"),
      List.of("/bin/sh", "-c", "touch /x"), List.of("/bin/sh", "-c", "echo out; echo err >&2"), List.of("false"));

  final Queue containers = new Queue();
  final Queue images = new Queue();
  final List<String> failures = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();

  @Test
  void random_lifecycle_operations_from_16_threads_keep_the_daemon_consistent() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).start()) {
      images.add("base");
      run(docker, "era", this::operate);
      checkInvariants(docker);
    }
  }

  /**
   * The 5xx answers the random operations can give on the modern profile, in docker 28's words: an object another
   * thread removed or changed between the lookup and the action, and the two plain errors docker 28 answers with a 500
   * even without a race (unpausing a container that is not paused, disconnecting one that is not connected). A pull that fails because another one is under way is not among them:
   * docker 28 shares the download and every pull succeeds.
   */
  static final List<Pattern> MODERN_EXPECTED_500 = List.of(
      Pattern.compile("No such container: .*"),
      Pattern.compile("No such image: .*"),
      Pattern.compile("(?s).*[Cc]ontainer [0-9a-f]+ is not running.*"),
      Pattern.compile("(?s).*is (already )?(paused|restarting|marked for removal|removal of container .* is already in progress).*"),
      Pattern.compile("(?s).*removal of container [0-9a-f]+ is already in progress.*"),
      Pattern.compile("(?s)cannot (pause|unpause|start|stop|kill|restart) .*"),
      Pattern.compile("Container [0-9a-f]{64} is not paused"),
      Pattern.compile("container [0-9a-f]{64} is not connected to network n\\d"));

  @Test
  void random_operations_on_the_modern_profile_from_16_threads_keep_the_daemon_consistent() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).start()) {
      docker.preload("busybox:latest");
      images.add("busybox");
      run(docker, "modern", this::operateModern);
      checkModernInvariants(docker);
    }
  }

  private void operateModern(RawHttp http, Random random) {
    String v = "/v1.50";
    switch (random.nextInt(20)) {
      case 0, 1 -> {
        List<String> cmd = COMMANDS.get(random.nextInt(COMMANDS.size()));
        String body = "{\"Image\":\"" + images.pick(random, "busybox") + "\",\"Cmd\":" + toJson(cmd)
            + (random.nextBoolean() ? "" : ",\"ExposedPorts\":{\"80/tcp\":{}}")
            + ",\"HostConfig\":{" + (random.nextBoolean() ? "\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\","
            + "\"HostPort\":\"0\"}]}" : "\"PublishAllPorts\":false")
            + (random.nextBoolean() ? ",\"Binds\":[\"v" + random.nextInt(4) + ":/data\"]" : "") + "}}";
        Response r = callModern(http, "POST", v + "/containers/create", body);
        if (r != null && r.status() == 201) {
          containers.add(r.text().replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1"));
        }
      }
      case 2, 3 -> callModern(http, "POST", v + "/containers/" + containers.pick(random, "none") + "/start", null);
      case 4 -> callModern(http, "POST", v + "/containers/" + containers.pick(random, "none") + "/stop?t=0", null);
      case 5 -> callModern(http, "POST", v + "/containers/" + containers.pick(random, "none") + "/kill", null);
      case 6 -> callModern(http, "POST", v + "/containers/" + containers.pick(random, "none") + "/wait", null);
      case 7 -> {
        String id = containers.take(random);
        if (id != null) {
          callModern(http, "DELETE", v + "/containers/" + id + "?force=1&v=" + random.nextBoolean(), null);
        }
      }
      case 8 -> {
        Response r = callModern(http, "POST", v + "/containers/" + containers.pick(random, "none") + "/exec",
            "{\"Cmd\":[\"echo\",\"hi\"],\"AttachStdout\":true}");
        if (r != null && r.status() == 201) {
          String exec = r.text().replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1");
          callModern(http, "POST", v + "/exec/" + exec + "/start", "{\"Detach\":" + random.nextBoolean() + "}");
          callModern(http, "GET", v + "/exec/" + exec + "/json", null);
        }
      }
      case 9 -> callModern(http, "POST", v + "/networks/create", "{\"Name\":\"n" + random.nextInt(4) + "\"}");
      case 10 -> callModern(http, "POST", v + "/networks/n" + random.nextInt(4) + "/" + (random.nextBoolean()
          ? "connect" : "disconnect"), "{\"Container\":\"" + containers.pick(random, "none") + "\"}");
      case 11 -> callModern(http, "DELETE", v + "/networks/n" + random.nextInt(4), null);
      case 12 -> callModern(http, "POST", v + "/volumes/create", "{\"Name\":\"v" + random.nextInt(4) + "\"}");
      case 13 -> callModern(http, "DELETE", v + "/volumes/v" + random.nextInt(4) + "?force=" + random.nextBoolean(),
          null);
      case 14 -> {
        String id = containers.pick(random, "none");
        callModern(http, "POST", v + "/containers/" + id + (random.nextBoolean() ? "/pause" : "/unpause"), null);
      }
      case 15 -> callModern(http, "POST", v + "/containers/" + containers.pick(random, "none") + "/restart?t=0",
          null);
      case 16 -> {
        String id = containers.pick(random, "none");
        callModern(http, "GET", v + "/containers/" + id + (random.nextBoolean() ? "/json" : "/logs?stdout=1&stderr=1"),
            null);
      }
      case 17 -> callModern(http, "GET", v + (random.nextBoolean() ? "/containers/json?all=1" : "/system/df"), null);
      case 18 -> {
        if (random.nextInt(4) == 0) {
          callModern(http, "POST", v + List.of("/containers/prune", "/networks/prune", "/volumes/prune",
              "/images/create?fromImage=busybox&tag=latest").get(random.nextInt(4)), null);
        } else {
          callModern(http, "GET", v + "/networks", null);
        }
      }
      default -> {
        String tag = "b" + random.nextInt(4);
        byte[] context = Tars.plain().file("Dockerfile", "FROM busybox\nRUN echo hi\nCMD [\"true\"]\n").bytes();
        requests.incrementAndGet();
        try {
          Response r = http.send("POST", v + "/build?t=" + tag, "application/x-tar", context);
          checkModern("POST", "/build", r);
          if (r.status() == 200 && r.text().contains("Successfully tagged")) {
            images.add(tag);
          }
        } catch (UncheckedIOException e) {
          failures.add("POST /build: " + e.getCause());
        }
      }
    }
  }

  /** One modern request; records any 5xx a race does not explain and any Java text in any answer. */
  private Response callModern(RawHttp http, String method, String path, String json) {
    requests.incrementAndGet();
    Response r;
    try {
      r = http.send(method, path, json == null ? null : "application/json",
          json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    } catch (UncheckedIOException e) {
      failures.add(method + " " + path + ": " + e.getCause()); // a SocketTimeoutException is a hung request
      return null;
    }
    checkModern(method, path, r);
    return r;
  }

  private void checkModern(String method, String path, Response r) {
    String text = r.text();
    if (r.status() >= 500) {
      String message = text;
      try {
        message = JSON.readTree(text).path("message").asText(text);
      } catch (Exception notJson) {
        // the whole text then
      }
      String m = message;
      if (MODERN_EXPECTED_500.stream().noneMatch(p -> p.matcher(m).matches())) {
        failures.add(method + " " + path + ": " + r.status() + " " + text.strip());
      }
    }
    List<String> java = DaemonFuzzTest.javaTexts(text, path.getBytes(StandardCharsets.UTF_8));
    if (!java.isEmpty()) {
      failures.add(method + " " + path + ": Java text " + java + " in " + text.strip());
    }
  }

  /** /info agrees with the lists, every network endpoint names a container that exists, the daemon answers. */
  private void checkModernInvariants(MockDocker docker) throws Exception {
    RawHttp http = new RawHttp(docker.uri());
    JsonNode info = JSON.readTree(http.get("/v1.50/info").text());
    JsonNode all = JSON.readTree(http.get("/v1.50/containers/json?all=1").text());
    assertThat(info.get("Containers").asInt()).isEqualTo(all.size());
    assertThat(info.get("ContainersRunning").asInt() + info.get("ContainersPaused").asInt()
        + info.get("ContainersStopped").asInt()).isEqualTo(all.size());
    Set<String> ids = new HashSet<>();
    all.forEach(c -> ids.add(c.get("Id").asText()));
    for (JsonNode network : JSON.readTree(http.get("/v1.50/networks").text())) {
      JsonNode inspect = JSON.readTree(http.get("/v1.50/networks/" + network.get("Id").asText()).text());
      inspect.path("Containers").fieldNames().forEachRemaining(id ->
          assertThat(ids).as("network %s names container %s", network.get("Name"), id).contains(id));
    }
    JsonNode df = JSON.readTree(http.get("/v1.50/system/df").text());
    JsonNode volumes = JSON.readTree(http.get("/v1.50/volumes").text()).get("Volumes");
    assertThat(df.get("Volumes").size()).isEqualTo(volumes.size());
    assertThat(http.get("/_ping").status()).isEqualTo(200);
  }

  /**
   * Runs {@link #OPS} operations on each of {@link #THREADS} threads, each with its own seeded random; waits for them
   * within the cap, prints the run with its seed, then fails with the seed on anything unexpected.
   */
  private void run(MockDocker docker, String profile, BiConsumer<RawHttp, Random> operation) throws Exception {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random random = new Random(SEED + t);
      RawHttp http = new RawHttp(docker.uri());
      done.add(pool.submit(() -> {
        for (int i = 0; i < OPS; i++) {
          operation.accept(http, random);
        }
      }));
    }
    pool.shutdown();
    boolean finished = pool.awaitTermination(CAP_MS, TimeUnit.MILLISECONDS);
    pool.shutdownNow();
    for (Future<?> f : done) {
      if (f.isDone()) {
        f.get();
      }
    }
    System.out.printf("R1 %s: seed %d, %d threads x %d operations, %d requests in %d s, %d unexpected%n", profile,
        SEED, THREADS, OPS, requests.get(), (System.nanoTime() - started) / 1_000_000_000L, failures.size());
    assertThat(finished).as("all threads finished within %d s (seed %d)", CAP_MS / 1000, SEED).isTrue();
    assertThat(failures).as("unexpected answers (seed %d, %d requests)", SEED, requests.get()).isEmpty();
  }

  private void operate(RawHttp http, Random random) {
    switch (random.nextInt(12)) {
      case 0, 1 -> {
        String image = images.pick(random, "base");
        List<String> cmd = COMMANDS.get(random.nextInt(COMMANDS.size()));
        Response r = call(http, "POST", "/v1.2/containers/create", "application/json",
            "{\"Image\":\"" + image + "\",\"Cmd\":" + toJson(cmd) + "}");
        if (r != null && r.status() == 201) {
          containers.add(r.text().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1"));
        }
      }
      case 2, 3 -> call(http, "POST", "/v1.2/containers/" + containers.pick(random, "none") + "/start", null, "");
      case 4 -> call(http, "POST", "/v1.2/containers/" + containers.pick(random, "none")
          + "/attach?logs=1&stdout=1&stderr=1", null, "");
      case 5 -> call(http, "POST", "/v1.2/containers/" + containers.pick(random, "none") + "/wait", null, "");
      case 6 -> {
        String id = containers.take(random);
        if (id != null) {
          call(http, "DELETE", "/v1.2/containers/" + id, null, "");
        }
      }
      case 7 -> call(http, "POST", "/v1.2/images/create?fromImage=busybox", null, "");
      case 8 -> {
        String name = "r" + random.nextInt(8) + ":t" + random.nextInt(3);
        String[] repoTag = name.split(":");
        Response r = call(http, "POST", "/v1.2/images/" + images.pick(random, "base") + "/tag?repo=" + repoTag[0]
            + "&tag=" + repoTag[1] + "&force=1", null, "");
        if (r != null && r.status() == 201) {
          images.add(name);
        }
      }
      case 9 -> {
        String name = images.take(random);
        if (name != null && !name.equals("base")) {
          call(http, "DELETE", "/v1.2/images/" + name, null, "");
        }
      }
      case 10 -> {
        String repo = "c" + random.nextInt(4);
        Response r = call(http, "POST", "/v1.2/commit?container=" + containers.pick(random, "none") + "&repo="
            + repo, null, "");
        if (r != null && r.status() == 201) {
          images.add(repo);
        }
      }
      default -> {
        String run = List.of("echo hi", "true", "sh -c \"touch /x\"").get(random.nextInt(3));
        String tag = "b" + random.nextInt(4);
        Response r = call(http, "POST", "/v1.2/build?t=" + tag, "multipart/form-data; boundary=" + BOUNDARY,
            multipart("FROM base\nRUN " + run + "\n"));
        if (r != null && r.text().contains("Successfully built")) {
          images.add(tag);
        }
      }
    }
  }

  /** One request; records anything a race does not explain. Returns null when the request failed or hung. */
  private Response call(RawHttp http, String method, String path, String type, Object body) {
    requests.incrementAndGet();
    byte[] bytes = body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8);
    Response r;
    try {
      r = http.send(method, path, type, bytes);
    } catch (UncheckedIOException e) {
      failures.add(method + " " + path + ": " + e.getCause()); // a SocketTimeoutException is a hung request
      return null;
    }
    String text = r.text();
    if (r.status() >= 500 && !expected(text.strip())) {
      failures.add(method + " " + path + ": " + r.status() + " " + text);
    }
    if (text.contains("\"error\":")) {
      for (JsonNode message : stream(text)) {
        if (message.has("error") && !expected(message.get("error").asText())) {
          failures.add(method + " " + path + ": in stream " + message);
        }
      }
    }
    int at = text.indexOf("Error build: ");
    if (at >= 0 && !expected(text.substring(at + 13).strip())) {
      failures.add(method + " " + path + ": " + text.substring(at));
    }
    return r;
  }

  private static boolean expected(String text) {
    return EXPECTED_500.stream().anyMatch(p -> p.matcher(text).matches());
  }

  private void checkInvariants(MockDocker docker) throws Exception {
    RawHttp http = new RawHttp(docker.uri());
    // the graph is acyclic (a parent may be missing: v0.4.4's 1.2 delete pruned an image a container still used,
    // and a commit of that container then names it, sequentially as much as in a race)
    Map<String, String> parents = new HashMap<>();
    for (Image image : Engines.of(docker).allImages()) {
      parents.put(image.id(), image.parent());
    }
    for (String id : parents.keySet()) {
      Set<String> seen = new HashSet<>();
      for (String at = id; at != null && !at.isEmpty(); at = parents.get(at)) {
        assertThat(seen.add(at)).as("cycle through %s", at).isTrue();
      }
    }
    // every tag points at an existing image
    Engines.of(docker).repositories().forEach((repo, tags) -> tags.forEach((tag, id) ->
        assertThat(parents).as("%s:%s", repo, tag).containsKey(id)));
    // /info agrees with the lists
    JsonNode info = JSON.readTree(http.get("/v1.2/info").text());
    JsonNode allContainers = JSON.readTree(http.get("/v1.2/containers/json?all=1").text());
    JsonNode allImages = JSON.readTree(http.get("/v1.2/images/json?all=1").text());
    assertThat(info.get("Containers").asInt()).isEqualTo(allContainers.size());
    Set<String> listed = new HashSet<>();
    allImages.forEach(i -> listed.add(i.get("Id").asText()));
    assertThat(info.get("Images").asInt()).isEqualTo(listed.size()).isEqualTo(parents.size());
    // and the daemon still answers
    assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
  }

  private static List<JsonNode> stream(String text) {
    List<JsonNode> out = new ArrayList<>();
    try (var parser = JSON.createParser(text)) {
      for (var it = JSON.readValues(parser, JsonNode.class); it.hasNext(); ) {
        out.add(it.next());
      }
    } catch (Exception e) {
      // a raw-text stream: nothing to check here
    }
    return out;
  }

  private static String toJson(List<String> cmd) {
    try {
      return JSON.writeValueAsString(cmd);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] multipart(String dockerfile) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"Dockerfile\"; filename=\"Dockerfile\"\r\n"
        + "\r\n" + dockerfile + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  /** Names shared by the threads. */
  static final class Queue {
    private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

    void add(String item) {
      if (items.size() < 64) {
        items.add(item);
      }
    }

    String pick(Random random, String fallback) {
      Object[] all = items.toArray();
      return all.length == 0 ? fallback : (String) all[random.nextInt(all.length)];
    }

    String take(Random random) {
      String item = pick(random, null);
      return item != null && items.remove(item) ? item : null;
    }
  }
}
