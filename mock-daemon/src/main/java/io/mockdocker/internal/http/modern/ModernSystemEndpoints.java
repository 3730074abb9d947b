package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.internal.engine.Capability;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.ModernView;
import io.mockdocker.internal.http.ReadCache;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code /_ping}, {@code /version} and {@code /info} as docker 28.2.2 answered them. */
final class ModernSystemEndpoints {
  static final String GIT_COMMIT = "45873be";
  static final String GO_VERSION = "go1.24.3";
  static final String KERNEL = "6.8.0-mock";
  static final String BUILD_TIME = "2025-05-30T12:00:00.000000000+00:00";
  private static final HttpString BUILDER_VERSION = new HttpString("Builder-Version");
  private static final HttpString SWARM = new HttpString("Swarm");

  private final Engine engine;
  private final String apiVersion;
  /** The version answer, written once. */
  private final ReadCache kept = new ReadCache(1);

  ModernSystemEndpoints(Engine engine, String apiVersion) {
    this.engine = engine;
    this.apiVersion = apiVersion;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/_ping", this::ping),
        Route.of("HEAD", "/_ping", this::ping),
        Route.of("GET", "/version", this::version),
        Route.of("GET", "/info", this::info));
  }

  /**
   * {@code OK} (HEAD: no body) with the headers the CLI reads. {@code Builder-Version} is 1: this daemon has the
   * classic builder only.
   */
  private void ping(Call<ModernVersion> call) {
    HttpServerExchange ex = call.exchange();
    ex.getResponseHeaders().put(BUILDER_VERSION, "1");
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
    ex.getResponseHeaders().put(Headers.PRAGMA, "no-cache");
    ex.getResponseHeaders().put(SWARM, "inactive");
    boolean head = ex.getRequestMethod().toString().equals("HEAD");
    Responses.send(ex, 200, Responses.TEXT_PLAIN, head ? new byte[0] : "OK".getBytes(StandardCharsets.US_ASCII));
  }

  private void version(Call<ModernVersion> call) {
    // the same for every request: written once
    ModernResponses.json(call.exchange(), 200, kept.get("version", apiVersion, () -> GoJson.MODERN.line(version())));
  }

  private ObjectNode version() {
    ObjectNode details = GoJson.object()
        .put("ApiVersion", apiVersion)
        .put("Arch", "amd64")
        .put("BuildTime", BUILD_TIME)
        .put("Experimental", "false")
        .put("GitCommit", GIT_COMMIT)
        .put("GoVersion", GO_VERSION)
        .put("KernelVersion", KERNEL)
        .put("MinAPIVersion", ApiProfile.MODERN_MIN)
        .put("Os", "linux");
    ObjectNode engineComponent = GoJson.object().put("Name", "Engine").put("Version", ModernView.ENGINE_VERSION);
    engineComponent.set("Details", details);
    ObjectNode o = GoJson.object();
    o.set("Platform", GoJson.object().put("Name", "mock-docker"));
    o.set("Components", GoJson.array().add(engineComponent));
    o.put("Version", ModernView.ENGINE_VERSION)
        .put("ApiVersion", apiVersion)
        .put("MinAPIVersion", ApiProfile.MODERN_MIN)
        .put("GitCommit", GIT_COMMIT)
        .put("GoVersion", GO_VERSION)
        .put("Os", "linux")
        .put("Arch", "amd64")
        .put("KernelVersion", KERNEL)
        .put("BuildTime", BUILD_TIME);
    return o;
  }

  private void info(Call<ModernVersion> call) {
    List<Container> containers = engine.containers().all();
    long running = containers.stream().filter(c -> c.state().running()).count();
    ObjectNode o = GoJson.object();
    o.put("ID", "MOCK:DOCK:ER00:0000:0000:0000:0000:0000:0000:0000:0000:0000");
    o.put("Containers", containers.size());
    o.put("ContainersRunning", running);
    o.put("ContainersPaused", 0);
    o.put("ContainersStopped", containers.size() - running);
    o.put("Images", engine.imageCount());
    o.put("Driver", "vfs");
    o.set("DriverStatus", GoJson.array());
    ObjectNode plugins = GoJson.object();
    plugins.set("Volume", GoJson.array().add("local"));
    plugins.set("Network", GoJson.array().add("bridge").add("host").add("none"));
    plugins.putNull("Authorization");
    plugins.set("Log", GoJson.array().add("json-file"));
    o.set("Plugins", plugins);
    o.put("MemoryLimit", engine.capabilities().contains(Capability.MEMORY_LIMIT));
    o.put("SwapLimit", engine.capabilities().contains(Capability.SWAP_LIMIT));
    o.put("CpuCfsPeriod", true);
    o.put("CpuCfsQuota", true);
    o.put("CPUShares", true);
    o.put("CPUSet", true);
    o.put("PidsLimit", true);
    o.put("IPv4Forwarding", true);
    o.put("Debug", false);
    o.put("NFd", 0);
    o.put("OomKillDisable", false);
    o.put("NGoroutines", Thread.activeCount());
    o.put("SystemTime", GoJson.time(OffsetDateTime.ofInstant(engine.clock().now(), engine.clock().zone())));
    o.put("LoggingDriver", "json-file");
    o.put("CgroupDriver", "systemd");
    o.put("CgroupVersion", "2");
    o.put("NEventsListener", engine.events().listeners());
    o.put("KernelVersion", KERNEL);
    o.put("OperatingSystem", "mock-docker");
    o.put("OSVersion", "");
    o.put("OSType", "linux");
    o.put("Architecture", "x86_64");
    o.put("IndexServerAddress", "https://index.docker.io/v1/");
    ObjectNode registry = GoJson.object();
    registry.set("InsecureRegistryCIDRs", GoJson.array().add("::1/128").add("127.0.0.0/8"));
    registry.set("IndexConfigs", GoJson.object());
    registry.set("Mirrors", GoJson.array());
    o.set("RegistryConfig", registry);
    o.put("NCPU", Runtime.getRuntime().availableProcessors());
    o.put("MemTotal", Runtime.getRuntime().maxMemory());
    o.put("DockerRootDir", "/var/lib/docker");
    o.put("Name", "mock-docker");
    o.set("Labels", GoJson.array());
    o.put("ExperimentalBuild", false);
    o.put("ServerVersion", ModernView.ENGINE_VERSION);
    o.set("Runtimes", GoJson.object().set("runc", GoJson.object().put("path", "runc")));
    o.put("DefaultRuntime", "runc");
    ObjectNode swarm = GoJson.object().put("NodeID", "").put("NodeAddr", "").put("LocalNodeState", "inactive")
        .put("ControlAvailable", false).put("Error", "");
    swarm.putNull("RemoteManagers");
    o.set("Swarm", swarm);
    o.put("LiveRestoreEnabled", false);
    o.put("Isolation", "");
    o.put("InitBinary", "docker-init");
    o.set("ContainerdCommit", GoJson.object().put("ID", ""));
    o.set("RuncCommit", GoJson.object().put("ID", ""));
    o.set("InitCommit", GoJson.object().put("ID", ""));
    ArrayNode security = GoJson.array().add("name=seccomp,profile=builtin").add("name=cgroupns");
    o.set("SecurityOptions", security);
    o.set("Warnings", GoJson.array());
    ModernResponses.json(call.exchange(), 200, o);
  }
}
