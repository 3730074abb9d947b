package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Create/inspect round trips of the {@code HostConfig} members the engine does not act on: each comes back as
 * sent, those not sent show the daemon's values, all in the daemon's order; bad values are refused as the daemon
 * refused them.
 */
class ModernHostConfigRoundTripTest {
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()));
  RawHttp http;

  @BeforeEach
  void start() {
    daemon.docker().preload("busybox:latest");
    http = daemon.http();
  }

  JsonNode roundTrip(String hostConfig) {
    String id = Json.create(http, "/v1.50/containers/create",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":" + hostConfig + "}");
    return tree(http.get("/v1.50/containers/" + id + "/json")).get("HostConfig");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "ContainerIDFile    | \"/tmp/cid\"",
      "VolumeDriver       | \"local\"",
      "ConsoleSize        | [24,80]",
      "Annotations        | {\"a\":\"b\"}",
      "CapAdd             | [\"NET_ADMIN\",\"SYS_TIME\"]",
      "CapDrop            | [\"MKNOD\"]",
      "CgroupnsMode       | \"host\"",
      "Dns                | [\"1.1.1.1\"]",
      "DnsOptions         | [\"ndots:2\"]",
      "DnsSearch          | [\"example.com\"]",
      "ExtraHosts         | [\"a:1.2.3.4\",\"host.docker.internal:host-gateway\"]",
      "GroupAdd           | [\"audio\"]",
      "IpcMode            | \"shareable\"",
      "Cgroup             | \"container:db\"",
      "Links              | [\"/db:/web/db\"]",
      "OomScoreAdj        | 500",
      "PidMode            | \"host\"",
      "Privileged         | true",
      "ReadonlyRootfs     | true",
      "SecurityOpt        | [\"no-new-privileges\"]",
      "StorageOpt         | {\"size\":\"1G\"}",
      "UTSMode            | \"host\"",
      "UsernsMode         | \"host\"",
      "ShmSize            | 134217728",
      "Sysctls            | {\"net.ipv4.ip_forward\":\"1\"}",
      "Runtime            | \"runc\"",
      "Isolation          | \"default\"",
      "CgroupParent       | \"mygroup\"",
      "BlkioWeightDevice  | [{\"Path\":\"/dev/sda\",\"Weight\":200}]",
      "BlkioDeviceReadBps | [{\"Path\":\"/dev/sda\",\"Rate\":1048576}]",
      "CpuRealtimePeriod  | 1000",
      "CpuRealtimeRuntime | 500",
      "Devices            | [{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/xnull\",\"CgroupPermissions\":\"rwm\"}]",
      "DeviceCgroupRules  | [\"c 1:3 mr\"]",
      "DeviceRequests     | [{\"Driver\":\"nvidia\",\"Count\":-1,\"DeviceIDs\":null,\"Capabilities\":[[\"gpu\"]],\"Options\":{}}]",
      "MemorySwappiness   | 60",
      "OomKillDisable     | true",
      "Ulimits            | [{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":2048}]",
      "CpuCount           | 2",
      "CpuPercent         | 50",
      "IOMaximumIOps      | 100",
      "IOMaximumBandwidth | 1000",
      "MaskedPaths        | [\"/proc/kcore\"]",
      "ReadonlyPaths      | []",
      "Init               | true",
  })
  void a_member_comes_back_as_sent(String name, String json) {
    JsonNode host = roundTrip("{\"" + name + "\":" + json + "}");
    assertThat(host.get(name)).as(name).isEqualTo(tree(json));
  }

  @Test
  void members_not_sent_show_the_daemon_values_in_the_daemon_order() {
    JsonNode host = roundTrip("{}");
    List<String> keys = new ArrayList<>();
    host.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings",
        "RestartPolicy", "AutoRemove", "VolumeDriver", "VolumesFrom", "ConsoleSize", "CapAdd", "CapDrop",
        "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup", "Links",
        "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts", "ReadonlyRootfs", "SecurityOpt", "UTSMode",
        "UsernsMode", "ShmSize", "Runtime", "Isolation", "CpuShares", "Memory", "NanoCpus", "CgroupParent",
        "BlkioWeight", "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps",
        "BlkioDeviceWriteIOps", "CpuPeriod", "CpuQuota", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus",
        "CpusetMems", "Devices", "DeviceCgroupRules", "DeviceRequests", "MemoryReservation", "MemorySwap",
        "MemorySwappiness", "OomKillDisable", "PidsLimit", "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps",
        "IOMaximumBandwidth", "MaskedPaths", "ReadonlyPaths");
    assertThat(host.get("ShmSize").asLong()).isEqualTo(67108864L);
    assertThat(host.get("CgroupnsMode").asText()).isEqualTo("private");
    assertThat(host.get("IpcMode").asText()).isEqualTo("private");
    assertThat(host.get("Runtime").asText()).isEqualTo("runc");
    assertThat(host.get("OomKillDisable").asBoolean()).isFalse();
    assertThat(host.get("ConsoleSize").toString()).isEqualTo("[0,0]");
    assertThat(host.get("CapAdd").isNull()).isTrue();
    assertThat(host.get("MaskedPaths").get(0).asText()).isEqualTo("/proc/asound");
    assertThat(host.get("ReadonlyPaths").toString())
        .isEqualTo("[\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\",\"/proc/sysrq-trigger\"]");
  }

  @Test
  void the_members_the_engine_acts_on_still_round_trip_beside_the_kept_ones() {
    JsonNode host = roundTrip("{\"CpusetCpus\":\"0\",\"CpuShares\":512,\"Tmpfs\":{\"/run\":\"rw\"},"
        + "\"Init\":false,\"Privileged\":true,\"ShmSize\":0,\"CapAdd\":\"NET_ADMIN\",\"Annotations\":{}}");
    assertThat(host.get("CpusetCpus").asText()).isEqualTo("0");
    assertThat(host.get("CpuShares").asInt()).isEqualTo(512);
    assertThat(host.get("Tmpfs").toString()).isEqualTo("{\"/run\":\"rw\"}");
    assertThat(host.get("Init").asBoolean()).isFalse(); // a pointer: false is kept
    assertThat(host.get("ShmSize").asLong()).isEqualTo(67108864L); // 0 is the default
    assertThat(host.get("CapAdd").toString()).isEqualTo("[\"NET_ADMIN\"]"); // a string is a one-element list
    assertThat(host.has("Annotations")).isFalse(); // empty: left out
    assertThat(host.get("MaskedPaths").isNull()).isTrue(); // privileged: nothing masked
    assertThat(host.get("ReadonlyPaths").isNull()).isTrue();
    List<String> keys = new ArrayList<>();
    host.fieldNames().forEachRemaining(keys::add);
    assertThat(keys.indexOf("Tmpfs")).isBetween(keys.indexOf("SecurityOpt"), keys.indexOf("UTSMode"));
    assertThat(keys.get(keys.size() - 1)).isEqualTo("Init");
  }

  @Test
  void objects_in_kept_lists_come_back_as_the_daemon_re_encoded_them() {
    JsonNode host = roundTrip("{\"Ulimits\":[{\"soft\":1024,\"Name\":\"nofile\",\"Extra\":1}],"
        + "\"Devices\":[{\"PathOnHost\":\"/dev/null\"}]}");
    assertThat(host.get("Ulimits").toString()).isEqualTo("[{\"Name\":\"nofile\",\"Hard\":0,\"Soft\":1024}]");
    assertThat(host.get("Devices").toString())
        .isEqualTo("[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"\",\"CgroupPermissions\":\"\"}]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"LogConfig\":{\"Type\":\"x\"}}                        | logger: no log driver named 'x' is registered",
      "{\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"mode\":\"fast\"}}} | logger: logging mode not supported: fast",
      "{\"IpcMode\":\"bogus\"}                                   | invalid IPC mode: bogus",
      "{\"PidMode\":\"container:\"}                              | invalid PID mode: container:",
      "{\"ShmSize\":-1}                                          | SHM size can not be less than 0",
      "{\"UTSMode\":\"private\"}                                 | invalid UTS mode: private",
      "{\"OomScoreAdj\":1001}                                    | Invalid value 1001, range for oom score adj is [-1000, 1000]",
      "{\"Runtime\":\"kata\"}                                    | unknown or invalid runtime name: kata",
      "{\"CgroupnsMode\":\"shared\"}                             | invalid cgroup namespace mode: shared",
      "{\"Isolation\":\"hyperv\"}                                | invalid isolation 'hyperv' on linux",
      "{\"Annotations\":{\"\":\"x\"}}                            | invalid Annotations: the empty string is not permitted as an annotation key",
      "{\"Ulimits\":[\"nofile\"]}                              | invalid JSON: json: cannot unmarshal string into Go struct field ContainerConfigWrapper.HostConfig.Ulimits of type container.Ulimit",
      "{\"Privileged\":\"yes\"}                                  | invalid JSON: json: cannot unmarshal string into Go struct field ContainerConfigWrapper.HostConfig.Privileged of type bool",
  })
  void bad_values_are_refused_as_the_daemon_refused_them(String hostConfig, String message) {
    Response r = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"HostConfig\":" + hostConfig + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(tree(r).get("message").asText()).isEqualTo(message);
    assertThat(tree(http.get("/v1.50/containers/json?all=1")).size()).isZero(); // nothing was created
  }
}
