package io.mockdocker.internal.http.era;

import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The era view's route table (API 1.0–1.2), one endpoint group per class, as a release ({@link EraFeatures}) served
 * it: the routes it did not have yet are left out, and the endpoints consult its row.
 */
public final class EraApi {
  private EraApi() {}

  public static List<Route<ApiVersion>> routes(Engine engine, ExecutorService sessions, EraFeatures release) {
    List<Route<ApiVersion>> routes = new ArrayList<>();
    routes.addAll(new SystemEndpoints(engine, release).routes());
    routes.addAll(new ImagesEndpoints(engine, release).routes());
    routes.addAll(new ImageStreamsEndpoints(engine, release).routes());
    routes.addAll(new ContainersEndpoints(engine, release).routes());
    routes.addAll(new AttachEndpoint(engine, sessions, release).routes());
    routes.addAll(new BuildEndpoint(engine, release).routes());
    routes.removeIf(route -> !release.hasRoute(route.method(), route.template()));
    return routes;
  }
}
