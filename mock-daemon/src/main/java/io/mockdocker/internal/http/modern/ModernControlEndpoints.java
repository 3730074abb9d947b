package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.ContainerControl;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Resources;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.ArrayList;
import java.util.List;

/** Process control of a container: pause, unpause, rename, top and update. */
final class ModernControlEndpoints {
  private final Engine engine;

  ModernControlEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("POST", "/containers/{name:.*}/pause", this::pause),
        Route.of("POST", "/containers/{name:.*}/unpause", this::unpause),
        Route.of("POST", "/containers/{name:.*}/rename", this::rename),
        Route.of("GET", "/containers/{name:.*}/top", this::top),
        Route.of("POST", "/containers/{name:.*}/update", this::update));
  }

  private void pause(Call<ModernVersion> call) {
    engine.control().pause(call.var("name"));
    ModernResponses.empty(call.exchange(), 204);
  }

  private void unpause(Call<ModernVersion> call) {
    engine.control().unpause(call.var("name"));
    ModernResponses.empty(call.exchange(), 204);
  }

  private void rename(Call<ModernVersion> call) {
    engine.control().rename(call.var("name"), call.param("name"));
    ModernResponses.empty(call.exchange(), 204);
  }

  private void top(Call<ModernVersion> call) {
    ContainerControl.Top top = engine.control().top(call.var("name"), call.param("ps_args"));
    ObjectNode o = GoJson.object();
    ArrayNode titles = o.putArray("Titles");
    top.titles().forEach(titles::add);
    ArrayNode processes = o.putArray("Processes");
    for (List<String> row : top.processes()) {
      ArrayNode r = processes.addArray();
      row.forEach(r::add);
    }
    ModernResponses.json(call.exchange(), 200, o);
  }

  /**
   * The daemon's order: the body, then the checks of the values (400), then the container (404) and the checks
   * against what it has set ({@code Cannot update container …}, 409); {@code {"Warnings":…}} on success.
   */
  private void update(Call<ModernVersion> call) {
    ObjectNode body = ModernBodies.object(call.body());
    Resources asked = ModernBodies.resources(body);
    if (asked.pidsLimit() != null && (!call.version().updatePidsLimit() || asked.pidsLimit() <= 0)) {
      // below 1.40 the limit is ignored; from then 0 and any negative value both mean unlimited
      asked = new Resources(asked.memory(), asked.memorySwap(), asked.memoryReservation(), asked.cpuShares(),
          asked.nanoCpus(), asked.cpuPeriod(), asked.cpuQuota(), asked.cpusetCpus(), asked.cpusetMems(),
          asked.blkioWeight(), call.version().updatePidsLimit() ? Long.valueOf(0) : null);
    }
    JsonNode restart = ModernBodies.field(body, "RestartPolicy");
    ContainerControl.Update update = new ContainerControl.Update(asked, ModernBodies.string(restart, "Name"),
        (int) ModernBodies.number(restart, "MaximumRetryCount"));
    List<String> warnings = new ArrayList<>();
    try {
      update = engine.control().verify(update, warnings);
    } catch (DockerException e) {
      throw new ApiError(400, e.getMessage());
    }
    try {
      engine.control().update(call.var("name"), update);
    } catch (DockerException e) {
      if (e.getMessage().startsWith("Cannot update container ")) {
        throw new ApiError(409, e.getMessage());
      }
      throw e;
    }
    ObjectNode o = GoJson.object();
    if (warnings.isEmpty()) {
      o.putNull("Warnings");
    } else {
      ArrayNode w = o.putArray("Warnings");
      warnings.forEach(w::add);
    }
    ModernResponses.json(call.exchange(), 200, o);
  }
}
