package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The modern view's route table (API 1.24–1.50), one endpoint group per class. */
public final class ModernApi {
  private ModernApi() {}

  public static List<Route<ModernVersion>> routes(Engine engine, ExecutorService sessions, String apiVersion) {
    List<Route<ModernVersion>> routes = new ArrayList<>();
    routes.addAll(new ModernSystemEndpoints(engine, apiVersion).routes());
    routes.addAll(new ModernContainersEndpoints(engine).routes());
    routes.addAll(new ModernLifecycleEndpoints(engine).routes());
    routes.addAll(new ModernArchiveEndpoint(engine).routes());
    routes.addAll(new ModernAttachEndpoint(engine, sessions).routes());
    routes.addAll(new ModernAttachWebSocketEndpoint(engine, sessions).routes());
    routes.addAll(new ModernExecEndpoints(engine, sessions).routes());
    routes.addAll(new ModernEventsEndpoint(engine).routes());
    routes.addAll(new ModernImagesEndpoints(engine).routes());
    routes.addAll(new ModernImageStreams(engine).routes());
    routes.addAll(new ModernImageArchiveEndpoints(engine).routes());
    routes.addAll(new ModernPruneEndpoints(engine).routes());
    routes.addAll(new ModernBuildEndpoint(engine).routes());
    routes.addAll(new ModernAuthEndpoint(engine).routes());
    routes.addAll(new ModernNetworksEndpoints(engine).routes());
    routes.addAll(new ModernVolumesEndpoints(engine).routes());
    routes.addAll(new ModernControlEndpoints(engine).routes());
    routes.addAll(new ModernStatsEndpoint(engine, sessions).routes());
    routes.addAll(new ModernSwarmEndpoints().routes());
    routes.addAll(new ModernPluginsEndpoints().routes());
    routes.addAll(new ModernDistributionEndpoint(engine).routes());
    return routes;
  }
}
