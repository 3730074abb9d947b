package io.mockdocker.api;

import io.mockdocker.engine.Engine;
import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;
import java.util.ArrayList;
import java.util.List;

/** The Remote API v1.0–v1.2 as an Undertow handler over an {@link Engine}. */
public final class DockerApi {
  /** Put on an exchange that no route matched (answered with mux's {@code 404 page not found}). */
  public static final AttachmentKey<Boolean> UNMATCHED = AttachmentKey.create(Boolean.class);

  private DockerApi() {}

  /**
   * The whole era API. With {@code cors}, routed responses carry the headers of {@code docker -d -api-enable-cors}.
   */
  public static HttpHandler handler(Engine engine, boolean cors) {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SystemEndpoints(engine).routes());
    routes.addAll(new ImagesEndpoints(engine).routes());
    routes.addAll(new ImageStreamsEndpoints(engine).routes());
    return new DockerRouter(routes, cors);
  }
}
