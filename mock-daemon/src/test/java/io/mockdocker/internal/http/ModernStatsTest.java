package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.StatsScript;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stats, update, top's ps_args and the paused answers over the wire, under a stopped virtual clock. */
class ModernStatsTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final long MIB = 1024 * 1024;
  static final List<String> KEYS = List.of("name", "id", "read", "preread", "pids_stats", "blkio_stats",
      "num_procs", "storage_stats", "cpu_stats", "precpu_stats", "memory_stats", "networks");

  final VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults())
      .profile(ApiProfile.modern()).clock(clock).preload("busybox:latest"));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void connect() {
    docker = daemon.docker();
    http = daemon.http();
  }

  String create(String name, String hostConfig) {
    return Json.create(http, "/v1.50/containers/create?name=" + name,
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"HostConfig\":" + hostConfig + "}");
  }

  String run(String name) {
    String id = create(name, "{}");
    assertThat(http.post("/v1.50/containers/" + name + "/start").status()).isEqualTo(204);
    return id;
  }

  static List<String> keys(JsonNode o) {
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Asserts the daemon's refusal: the status and {@code {"message":…}}. */
  static void refused(Response r, int status, String text) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.text()).isEqualTo(message(text));
  }

  static String message(String text) {
    return "{\"message\":\"" + text.replace("\"", "\\\"") + "\"}\n";
  }

  /** The CPU percentage the docker CLI derives from a frame. */
  static double cpuPercent(JsonNode f) {
    double cpu = f.at("/cpu_stats/cpu_usage/total_usage").asDouble() - f.at("/precpu_stats/cpu_usage/total_usage")
        .asDouble();
    double system = f.at("/cpu_stats/system_cpu_usage").asDouble() - f.at("/precpu_stats/system_cpu_usage")
        .asDouble();
    return system > 0 && cpu > 0 ? cpu / system * f.at("/cpu_stats/online_cpus").asInt() * 100 : 0;
  }

  @Test
  void a_stopped_container_answers_the_empty_frame_with_its_name_and_id() {
    String id = create("idle", "{}");
    Response r = http.get("/v1.50/containers/idle/stats?stream=false");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    String zero = "{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
        + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}";
    assertThat(r.text()).isEqualTo("{\"name\":\"/idle\",\"id\":\"" + id + "\",\"read\":\"0001-01-01T00:00:00Z\","
        + "\"preread\":\"0001-01-01T00:00:00Z\",\"pids_stats\":{},\"blkio_stats\":{\"io_service_bytes_recursive\":null,"
        + "\"io_serviced_recursive\":null,\"io_queue_recursive\":null,\"io_service_time_recursive\":null,"
        + "\"io_wait_time_recursive\":null,\"io_merged_recursive\":null,\"io_time_recursive\":null,"
        + "\"sectors_recursive\":null},\"num_procs\":0,\"storage_stats\":{},\"cpu_stats\":" + zero
        + ",\"precpu_stats\":" + zero + ",\"memory_stats\":{}}\n");
  }

  @Test
  void stream_false_carries_the_reading_a_second_earlier_and_one_shot_the_reading_alone() {
    String id = run("web");
    clock.advance(Duration.ofSeconds(30));
    JsonNode f = tree(http.get("/v1.50/containers/web/stats?stream=false"));
    assertThat(keys(f)).isEqualTo(KEYS);
    assertThat(f.get("id").asText()).isEqualTo(id);
    assertThat(f.get("read").asText()).isEqualTo("2025-01-01T00:00:30Z");
    assertThat(f.get("preread").asText()).isEqualTo("2025-01-01T00:00:29Z");
    assertThat(cpuPercent(f)).isCloseTo(0.15, Offset.offset(0.001));
    assertThat(keys(f.get("cpu_stats"))).containsExactly("cpu_usage", "system_cpu_usage", "online_cpus",
        "throttling_data");
    assertThat(keys(f.get("memory_stats"))).containsExactly("usage", "stats", "limit");
    assertThat(f.at("/memory_stats/usage").asLong()).isEqualTo(3 * MIB + MIB / 2);
    assertThat(f.at("/memory_stats/stats/inactive_file").asLong()).isZero();
    assertThat(f.at("/pids_stats").toString()).isEqualTo("{\"current\":1}");
    assertThat(keys(f.at("/networks/eth0"))).containsExactly("rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
        "tx_bytes", "tx_packets", "tx_errors", "tx_dropped");

    JsonNode one = tree(http.get("/v1.50/containers/web/stats?stream=false&one-shot=true"));
    assertThat(one.get("preread").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(one.at("/precpu_stats/cpu_usage/total_usage").asLong()).isZero();
    assertThat(one.at("/precpu_stats/system_cpu_usage").isMissingNode()).isTrue();
    assertThat(one.at("/cpu_stats/cpu_usage/total_usage").asLong()).isEqualTo(45_000_000L);
    // one-shot came in 1.41: older versions wait for the second reading
    assertThat(tree(http.get("/v1.40/containers/web/stats?stream=false&one-shot=true")).get("preread").asText())
        .isEqualTo("2025-01-01T00:00:29Z");

    refused(http.get("/v1.50/containers/web/stats?stream=true&one-shot=true"), 400,
        "cannot have stream=true and one-shot=true");
    refused(http.get("/v1.50/containers/nosuch/stats?stream=false"), 404,
        "No such container: nosuch");
  }

  @Test
  void a_stats_script_drives_cpu_and_memory_and_an_update_moves_the_limit() {
    docker.script(ProcessMatch.command("sleep"),
        StatsScript.defaults().cpuPercent(42.5).memoryClimbing(64 * MIB, 512 * MIB, 32 * MIB));
    run("app");
    clock.advance(Duration.ofSeconds(2));
    JsonNode f = tree(http.get("/v1.50/containers/app/stats?stream=false"));
    assertThat(cpuPercent(f)).isCloseTo(42.5, Offset.offset(0.01));
    assertThat(f.at("/memory_stats/usage").asLong()).isEqualTo(128 * MIB);

    Response update = http.post("/v1.50/containers/app/update", "application/json",
        "{\"Memory\":268435456,\"MemorySwap\":536870912,\"PidsLimit\":64,\"CpuShares\":512,"
            + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}}");
    assertThat(update.status()).isEqualTo(200);
    assertThat(update.header("Content-Type")).isEqualTo("application/json");
    assertThat(update.text()).isEqualTo("{\"Warnings\":[\"Your kernel does not support swap limit capabilities or"
        + " the cgroup is not mounted. Memory limited without swap.\"]}\n");
    JsonNode host = tree(http.get("/v1.50/containers/app/json")).get("HostConfig");
    assertThat(host.get("Memory").asLong()).isEqualTo(256 * MIB);
    assertThat(host.get("MemorySwap").asLong()).isEqualTo(-1);
    assertThat(host.get("CpuShares").asLong()).isEqualTo(512);
    assertThat(host.get("PidsLimit").asLong()).isEqualTo(64);
    assertThat(host.get("RestartPolicy").toString()).isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
    clock.advance(Duration.ofSeconds(60));
    JsonNode later = tree(http.get("/v1.50/containers/app/stats?stream=false"));
    assertThat(later.at("/memory_stats/limit").asLong()).isEqualTo(256 * MIB);
    assertThat(later.at("/memory_stats/usage").asLong()).isEqualTo(256 * MIB);
    assertThat(later.at("/pids_stats").toString()).isEqualTo("{\"current\":1,\"limit\":64}");

    // an unlimited PIDs limit is 0 from 1.40 on
    assertThat(http.post("/v1.50/containers/app/update", "application/json", "{\"PidsLimit\":-1}").text())
        .isEqualTo("{\"Warnings\":null}\n");
    assertThat(tree(http.get("/v1.50/containers/app/json")).at("/HostConfig/PidsLimit").asLong()).isZero();
  }

  @Test
  void update_answers_the_daemons_errors() {
    String id = create("plain", "{}");
    create("auto", "{\"AutoRemove\":true}");
    refused(http.post("/v1.50/containers/plain/update", "application/json", "{\"Memory\":1048576}"), 400,
        "Minimum memory limit allowed is 6MB");
    refused(http.post("/v1.50/containers/plain/update", "application/json",
        "{\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":-1}}"), 400,
        "invalid restart policy: maximum retry count cannot be negative");
    Response auto = http.post("/v1.50/containers/auto/update", "application/json",
        "{\"RestartPolicy\":{\"Name\":\"always\"}}");
    assertThat(auto.status()).isEqualTo(409);
    assertThat(auto.text()).startsWith("{\"message\":\"Cannot update container ")
        .endsWith(": Restart policy cannot be updated because AutoRemove is enabled for the container\"}\n");
    Response cpus = http.post("/v1.50/containers/plain/update", "application/json", "{\"CpuQuota\":50000}");
    assertThat(cpus.status()).isEqualTo(200);
    refused(http.post("/v1.50/containers/plain/update", "application/json", "{\"NanoCpus\":500000000}"), 409,
        "Cannot update container " + id
        + ": Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
    Response missing = http.post("/v1.50/containers/nosuch/update", "application/json", "{}");
    assertThat(missing.status()).isEqualTo(404);
    Response bad = http.post("/v1.50/containers/plain/update", "application/json", "{\"Memory\":");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(tree(http.get("/v1.50/containers/plain/json")).at("/HostConfig/CpuQuota").asLong())
        .isEqualTo(50000);

    // create's limits show in inspect; without swap accounting the swap limit is dropped, as the daemon did
    create("limited", "{\"Memory\":33554432,\"CpuShares\":256,\"PidsLimit\":20}");
    JsonNode host = tree(http.get("/v1.50/containers/limited/json")).get("HostConfig");
    assertThat(host.get("Memory").asLong()).isEqualTo(32 * MIB);
    assertThat(host.get("MemorySwap").asLong()).isEqualTo(-1);
    assertThat(host.get("CpuShares").asLong()).isEqualTo(256);
    assertThat(host.get("PidsLimit").asLong()).isEqualTo(20);
    assertThat(tree(http.get("/v1.50/containers/plain/json")).at("/HostConfig/PidsLimit").isNull()).isTrue();
  }

  @Test
  void a_stream_sends_a_frame_per_second_of_the_engine_clock_and_ends_when_the_container_is_removed()
      throws Exception {
    run("ticker");
    try (Socket socket = http.connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /v1.50/containers/ticker/stats HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = RawHttp.readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Content-Type: text/plain; charset=utf-8")
          .containsIgnoringCase("Transfer-Encoding: chunked");
      JsonNode first = tree(chunk(in));
      assertThat(first.get("read").asText()).isEqualTo("2025-01-01T00:00:00Z");
      assertThat(first.get("preread").asText()).isEqualTo("0001-01-01T00:00:00Z");

      clock.awaitSleepers(2, Duration.ofSeconds(10)); // the process's sleep and the stream's tick
      clock.advance(Duration.ofSeconds(3));
      for (int k = 1; k <= 3; k++) {
        JsonNode f = tree(chunk(in));
        assertThat(f.get("read").asText()).isEqualTo("2025-01-01T00:00:0" + k + "Z");
        assertThat(f.get("preread").asText()).isEqualTo("2025-01-01T00:00:0" + (k - 1) + "Z");
        assertThat(cpuPercent(f)).isCloseTo(0.15, Offset.offset(0.001));
      }

      assertThat(http.delete("/v1.50/containers/ticker?force=1").status()).isEqualTo(204);
      clock.awaitSleepers(1, Duration.ofSeconds(10));
      clock.advance(Duration.ofSeconds(1));
      assertThat(chunk(in)).isEmpty(); // the last chunk: the stream ended
    }
  }

  @Test
  void a_stream_whose_client_left_stops_waiting_on_the_stopped_clock() throws Exception {
    run("quiet");
    Socket socket = http.connect();
    socket.getOutputStream().write("GET /v1.50/containers/quiet/stats HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    RawHttp.readHead(in);
    assertThat(tree(chunk(in)).get("name").asText()).isEqualTo("/quiet");
    clock.awaitSleepers(2, Duration.ofSeconds(10)); // the process's sleep and the stream's tick
    socket.close();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> clock.sleepers() == 1);
  }

  @Test
  void top_takes_ps_args_and_refuses_what_ps_would() {
    run("tp");
    Response r = http.get("/v1.50/containers/tp/top?ps_args=-o%20pid,ppid,args");
    assertThat(r.status()).isEqualTo(200);
    JsonNode top = tree(r);
    assertThat(top.get("Titles").toString()).isEqualTo("[\"PID\",\"PPID\",\"COMMAND\"]");
    int pid = tree(http.get("/v1.50/containers/tp/json")).at("/State/Pid").asInt();
    assertThat(top.at("/Processes/0/0").asText()).isEqualTo(String.valueOf(pid));
    assertThat(top.at("/Processes/0/2").asText()).isEqualTo("sleep 1000");
    Response aux = http.get("/v1.50/containers/tp/top?ps_args=aux");
    assertThat(tree(aux).get("Titles")).hasSize(11);
    refused(http.get("/v1.50/containers/tp/top?ps_args=-o%20pid,bogus"), 500,
        "ps: error: unknown user-defined format specifier \"bogus\"");
  }

  @Test
  void a_paused_container_refuses_start_attach_and_rm_and_stop_resumes_it_so_term_lands() {
    run("pz");
    assertThat(http.post("/v1.50/containers/pz/pause").status()).isEqualTo(204);
    refused(http.post("/v1.50/containers/pz/start"), 409,
        "cannot start a paused container, try unpause instead");
    refused(http.post("/v1.50/containers/pz/attach?stream=1&stdout=1"), 409,
        "container pz is paused, unpause the container before attach");
    refused(http.delete("/v1.50/containers/pz"), 409,
        "cannot remove container \"/pz\": container is paused and must be"
        + " unpaused first");
    // paused stats still read: the frozen process holds its memory
    assertThat(tree(http.get("/v1.50/containers/pz/stats?stream=false")).at("/memory_stats/usage").asLong())
        .isPositive();

    assertThat(http.post("/v1.50/containers/pz/stop?t=10").status()).isEqualTo(204);
    JsonNode state = tree(http.get("/v1.50/containers/pz/json")).get("State");
    assertThat(state.get("ExitCode").asInt()).isEqualTo(143);
    assertThat(state.get("Paused").asBoolean()).isFalse();
    Response events = http.get("/v1.50/events?since=0&until=" + T0.getEpochSecond()
        + "&filters=%7B%22container%22%3A%5B%22pz%22%5D%7D");
    List<String> actions = new ArrayList<>();
    for (String line : events.text().split("\n")) {
      actions.add(Json.tree(line).get("Action").asText());
    }
    assertThat(actions).containsSubsequence("pause", "kill", "unpause", "die", "stop");
  }

  /** One chunk of a chunked body (empty for the last chunk). */
  static byte[] chunk(InputStream in) throws IOException {
    String size = line(in);
    int n = Integer.parseInt(size.trim(), 16);
    byte[] data = in.readNBytes(n);
    line(in);
    return data;
  }

  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void a_scenario_scripts_stats_too() {
    io.mockdocker.scenario.Scenario scenario = io.mockdocker.scenario.Scenario.fromJson("{\"stats\": ["
        + "{\"match\": {\"command\": [\"sleep\"]}, \"cpuPercent\": 90,"
        + " \"memory\": {\"usage\": 1048576000, \"limit\": 2097152000}}]}");
    try (MockDocker other = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .clock(clock).scenario(scenario).start()) {
      other.preload("busybox:latest");
      RawHttp h = new RawHttp(other.uri());
      Json.create(h, "/v1.50/containers/create?name=busy", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"9\"]}");
      assertThat(h.post("/v1.50/containers/busy/start").status()).isEqualTo(204);
      clock.advance(Duration.ofSeconds(5));
      JsonNode f = tree(h.get("/v1.50/containers/busy/stats?stream=false"));
      assertThat(cpuPercent(f)).isCloseTo(90, Offset.offset(0.01));
      assertThat(f.at("/memory_stats/usage").asLong()).isEqualTo(1048576000L);
      assertThat(f.at("/memory_stats/limit").asLong()).isEqualTo(Math.min(2097152000L,
          Runtime.getRuntime().maxMemory()));
    }
  }
}
