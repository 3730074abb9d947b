package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.DetachKeys;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.engine.ExecConfig;
import io.mockdocker.internal.engine.ExecInstance;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.Hijack;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.undertow.util.HeaderValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * Exec instances: create, start (hijacked like attach unless detached; the head copies
 * the common headers, as the daemon's did), inspect and resize.
 */
final class ModernExecEndpoints {
  private final Engine engine;
  private final ExecutorService sessions;

  ModernExecEndpoints(Engine engine, ExecutorService sessions) {
    this.engine = engine;
    this.sessions = sessions;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("POST", "/containers/{name:.*}/exec", this::create),
        Route.of("POST", "/exec/{id:.*}/start", this::start),
        Route.of("POST", "/exec/{id:.*}/resize", this::resize),
        Route.of("GET", "/exec/{id:.*}/json", this::inspect));
  }

  private void create(Call<ModernVersion> call) {
    Container c = engine.containers().inspect(call.var("name"));
    ObjectNode body = ModernBodies.object(call.body());
    ExecConfig config = new ExecConfig(ModernBodies.strings(body, "Cmd"), ModernBodies.bool(body, "Tty"),
        ModernBodies.bool(body, "AttachStdin"), ModernBodies.bool(body, "AttachStdout"),
        ModernBodies.bool(body, "AttachStderr"), ModernBodies.string(body, "User"),
        ModernBodies.string(body, "WorkingDir"), ModernBodies.strings(body, "Env"),
        ModernBodies.bool(body, "Privileged"), ModernBodies.string(body, "DetachKeys"));
    boolean active = c.state().running() && !c.state().paused() && !c.state().restarting();
    if (active && !config.cmd().isEmpty() && DetachKeys.parse(config.detachKeys()) == null) {
      // checked after the container's state (the engine refuses an inactive one below): a plain error, 500
      throw new ApiError(500, "Invalid escape keys (" + config.detachKeys() + ") provided");
    }
    String id = engine.containers().execCreate(call.var("name"), config);
    ModernResponses.json(call.exchange(), 201, GoJson.object().put("Id", id));
  }

  private void start(Call<ModernVersion> call) throws InterruptedException {
    String id = call.var("id");
    ObjectNode body = ModernBodies.object(call.body());
    boolean detach = ModernBodies.bool(body, "Detach");
    engine.containers().execCheck(id);
    if (detach) {
      engine.containers().execStart(id, null, (stream, bytes) -> { }, true);
      ModernResponses.empty(call.exchange(), 200);
      return;
    }
    boolean tty = ModernBodies.bool(body, "Tty"); // the start body's, not the instance's, decides the framing
    boolean upgrade = ModernAttachEndpoint.upgrade(call.exchange());
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type",
        upgrade ? StdFrames.contentType(call.version(), tty) : StdFrames.RAW_STREAM));
    if (upgrade) {
      headers.add(Map.entry("Connection", "Upgrade"));
      headers.add(Map.entry("Upgrade", "tcp"));
    }
    Map<String, String> common = new TreeMap<>();
    for (HeaderValues values : call.exchange().getResponseHeaders()) {
      common.put(values.getHeaderName().toString(), values.getFirst());
    }
    headers.addAll(common.entrySet());
    byte[] head = Hijack.head(upgrade ? "HTTP/1.1 101 UPGRADED" : "HTTP/1.1 200 OK", headers);
    Hijack.start(call.exchange(), head, ModernAttachEndpoint.HEAD_PAUSE_MILLIS, sessions,
        (in, out) -> engine.containers().execStart(id, in, new StdFrames(out, !tty), false));
  }

  private void resize(Call<ModernVersion> call) {
    engine.containers().execInspect(call.var("id"));
    ModernResponses.empty(call.exchange(), 200);
  }

  private void inspect(Call<ModernVersion> call) {
    ExecInstance e = engine.containers().execInspect(call.var("id"));
    ObjectNode o = GoJson.object();
    o.put("ID", e.id());
    o.put("Running", e.running());
    if (e.exitCode() == null) {
      o.putNull("ExitCode");
    } else {
      o.put("ExitCode", e.exitCode());
    }
    ObjectNode process = o.putObject("ProcessConfig");
    List<String> cmd = e.config().cmd();
    process.put("tty", e.config().tty());
    process.put("entrypoint", cmd.get(0));
    ArrayNode arguments = process.putArray("arguments");
    cmd.subList(1, cmd.size()).forEach(arguments::add);
    process.put("privileged", e.config().privileged());
    if (!e.config().user().isEmpty()) {
      process.put("user", e.config().user());
    }
    o.put("OpenStdin", e.config().attachStdin());
    o.put("OpenStderr", e.config().attachStderr());
    o.put("OpenStdout", e.config().attachStdout());
    o.put("CanRemove", false);
    o.put("ContainerID", e.containerId());
    // the daemon kept the keys as bytes, which Go's JSON prints in base64 ("ctrl-x,y" is "GHk=")
    o.put("DetachKeys", java.util.Base64.getEncoder().encodeToString(DetachKeys.parse(e.config().detachKeys())));
    o.put("Pid", e.pid());
    ModernResponses.json(call.exchange(), 200, o);
  }
}
