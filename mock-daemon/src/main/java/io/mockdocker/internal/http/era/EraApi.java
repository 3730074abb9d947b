package io.mockdocker.internal.http.era;

import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The era view's route table (API 1.0–1.2), one endpoint group per class. */
public final class EraApi {
  private EraApi() {}

  public static List<Route<ApiVersion>> routes(Engine engine, ExecutorService sessions) {
    List<Route<ApiVersion>> routes = new ArrayList<>();
    routes.addAll(new SystemEndpoints(engine).routes());
    routes.addAll(new ImagesEndpoints(engine).routes());
    routes.addAll(new ImageStreamsEndpoints(engine).routes());
    routes.addAll(new ContainersEndpoints(engine).routes());
    routes.addAll(new AttachEndpoint(engine, sessions).routes());
    routes.addAll(new BuildEndpoint(engine).routes());
    return routes;
  }
}
