package io.mockdocker.internal.http;

import io.undertow.server.HttpServerExchange;

/**
 * What differs between the era and the modern view along the one handler chain: which short answers the router
 * gives itself, the texts and shapes of its refusals, and how failures map to statuses. Everything else in the chain
 * is shared.
 *
 * @param <V> the view's version row ({@link ApiVersion} or {@link ModernVersion})
 */
interface View<V> {
  /** Whether an uncleaned path gets a 301 to its clean form (the era's mux did this; the modern router does not). */
  boolean redirectsUncleanPaths();

  /** Whether {@code OPTIONS} on any path is answered 200 with the CORS headers (the era's mux did this). */
  boolean answersPreflight();

  /** Whether a route may be served on the I/O thread when it is {@linkplain Route#quick() quick}. */
  boolean servesQuickRoutesOnIoThread();

  /** The answer to a path or method no route matches. */
  void notFound(HttpServerExchange ex);

  /** The headers every routed answer carries after the CORS ones (none in the era). */
  void writeRoutedHeaders(HttpServerExchange ex);

  /** The version row the request's prefix names, or {@code null} after answering the refusal itself. */
  V admit(HttpServerExchange ex, RequestVersion version);

  /** The status a failure with this message answers with. */
  int statusFor(Throwable failure, String message);

  /** An error answer in this view's shape. */
  void error(HttpServerExchange ex, int status, String message);
}
