package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.ContainerControl;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.List;

/** Process control of a container: pause, unpause, rename and top. */
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
        Route.of("GET", "/containers/{name:.*}/top", this::top));
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
    ContainerControl.Top top = engine.control().top(call.var("name"));
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
}
