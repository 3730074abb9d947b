package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.undertow.server.HttpHandler;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The daemon's one handler chain, for both views, outermost first; each step is one small handler.
 * <ol>
 *   <li>{@link ResolveVersion}: the {@code /vX.Y} prefix is parsed once and attached (it answers nothing), so that
 *       every later step, the journal and the faults included, reads the same {@link RequestVersion};</li>
 *   <li>the journal: it sees every request, its final status and each fault that fires;</li>
 *   <li>the faults: a fault can answer instead of the daemon, or cut what it answers;</li>
 *   <li>the view the version selects ({@link DockerApi#handler()}), whose steps are:</li>
 *   <li>{@link PathCleaning}: an uncleaned path gets a 301 (era only);</li>
 *   <li>{@link Cors#preflight}: {@code OPTIONS} on any path gets 200 and the CORS headers (era only);</li>
 *   <li>{@link RouteTable}: an unknown route gets the view's 404; a routed request goes on, on a worker unless
 *       quick;</li>
 *   <li>{@link Cors}: the CORS headers, when on, on every routed answer (the daemon wrote them before its version
 *       check);</li>
 *   <li>{@link VersionGate}: the view's headers, then its refusal of a version it does not serve;</li>
 *   <li>{@link BodyLimit}: a body declared over the limit is refused;</li>
 *   <li>{@link ErrorMapping}: the endpoint's failures become the view's statuses and error bodies;</li>
 *   <li>{@link Invoke}: the endpoint.</li>
 * </ol>
 * The two views differ only by their {@link View} (texts, shapes and which short answers they give).
 */
public final class HandlerChain {
  private HandlerChain() {}

  /**
   * The whole chain over the API that {@code api} supplies at each request (a daemon's reset replaces it).
   *
   * @param journal wraps its argument in the request journal
   * @param faults wraps its argument in the fault handler
   */
  public static HttpHandler of(ApiProfile profile, UnaryOperator<HttpHandler> journal,
      UnaryOperator<HttpHandler> faults, Supplier<DockerApi> api) {
    HttpHandler view = ex -> api.get().handler().handleRequest(ex);
    return new ResolveVersion(profile, journal.apply(faults.apply(view)));
  }

  /** One view's steps, from path cleaning to its endpoints. */
  static <V> HttpHandler view(View<V> view, List<Route<V>> routes, boolean cors, long maxBodyBytes) {
    HttpHandler routed = new Cors(cors,
        new VersionGate<>(view,
            new BodyLimit(maxBodyBytes, view,
                new ErrorMapping(view,
                    new Invoke<V>(maxBodyBytes)))));
    HttpHandler handler = new RouteTable<>(routes, view, routed);
    if (view.answersPreflight()) {
      handler = new Cors(cors, ex -> { }).preflight(handler);
    }
    if (view.redirectsUncleanPaths()) {
      handler = new PathCleaning(handler);
    }
    return handler;
  }
}
