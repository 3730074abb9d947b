package io.mockdocker.internal.http;

import io.mockdocker.internal.engine.DockerException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as an endpoint sees it: the version row of its view ({@link ApiVersion} in the era,
 * {@link ModernVersion} in the modern view), path variables, and form values (the query string and a form-encoded
 * body, as Go's {@code r.ParseForm}), plus the response it answers through.
 */
public final class Call<V> {
  static final String TOO_LARGE = "request body too large";

  private final HttpServerExchange exchange;
  private final V version;
  private final Map<String, String> vars;
  private final long maxBodyBytes;
  private Map<String, List<String>> form;
  private byte[] body;
  private InputStream stream;

  Call(HttpServerExchange exchange, V version, Map<String, String> vars, long maxBodyBytes) {
    this.exchange = exchange;
    this.version = java.util.Objects.requireNonNull(version, "version");
    this.vars = vars;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The error for a body over the limit. */
  static DockerException tooLarge(long maxBodyBytes) {
    return new DockerException(TOO_LARGE + ": more than " + maxBodyBytes + " bytes, the daemon's limit");
  }

  public HttpServerExchange exchange() {
    return exchange;
  }

  /** The version row of the call's view. */
  public V version() {
    return version;
  }

  /**
   * A boolean as the modern daemon's BoolValue read it: {@code ""}, {@code 0}, {@code no}, {@code false},
   * {@code none} (any case, trimmed) are false, anything else is true.
   */
  public boolean flag(String name) {
    String value = param(name).trim().toLowerCase(Locale.ROOT);
    return !(value.isEmpty() || value.equals("0") || value.equals("no") || value.equals("false")
        || value.equals("none"));
  }

  /** Every value of a repeated form field ({@code t=a&t=b}), in order. */
  public List<String> params(String name) {
    List<String> values = form().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** A path variable such as {@code name}. */
  public String var(String name) {
    return vars.getOrDefault(name, "");
  }

  /** The first value of a form field, or {@code ""}; body values come before query values, as in Go. */
  public String param(String name) {
    List<String> values = form().get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  /** A boolean parameter as getBoolParam read it: 1/true or ""/0/false (any case), else {@code Bad parameter}. */
  public boolean bool(String name) {
    String value = param(name);
    if (value.equals("1") || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.isEmpty() || value.equals("0") || value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new DockerException("Bad parameter");
  }

  /** The request body, read whole (empty once a form-encoded body was parsed). */
  public byte[] body() {
    if (body == null) {
      // not closed: closing Undertow's stream would read the rest of a refused body
      try {
        body = bodyStream().readAllBytes();
      } catch (IOException e) {
        // a body cut short (the client closed early): what Go's body reader said
        throw new DockerException("unexpected EOF", e);
      }
    }
    return body;
  }

  /** The request body as a stream, for large uploads. */
  public InputStream bodyStream() {
    if (body != null) {
      return new java.io.ByteArrayInputStream(body);
    }
    if (stream == null) {
      stream = new LimitedInputStream(exchange, maxBodyBytes);
    }
    return stream;
  }

  /** Fails with {@link BodyTooLargeException} once more than {@code limit} bytes were read. */
  private static final class LimitedInputStream extends java.io.FilterInputStream {
    private final long limit;
    private long count;

    private final HttpServerExchange exchange;

    LimitedInputStream(HttpServerExchange exchange, long limit) {
      super(exchange.getInputStream());
      this.exchange = exchange;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b != -1) {
        count(1);
      } else {
        framingFailure();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      } else if (n < 0) {
        framingFailure();
      }
      return n;
    }

    /** At the end of a chunked body cut short by a framing error (or a chunk over the limit): that error. */
    private void framingFailure() {
      RuntimeException failure = ChunkedBody.failure(exchange);
      if (failure != null) {
        throw failure;
      }
    }

    private void count(long n) {
      count += n;
      if (count > limit) {
        throw tooLarge(limit);
      }
    }
  }

  private Map<String, List<String>> form() {
    if (form == null) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
      boolean isPost = exchange.getRequestMethod().toString().equals("POST")
          || exchange.getRequestMethod().toString().equals("PUT");
      if (isPost && type != null
          && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        parseInto(new String(body(), StandardCharsets.UTF_8), values);
        body = new byte[0];
      }
      for (Map.Entry<String, Deque<String>> e : exchange.getQueryParameters().entrySet()) {
        values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
      }
      form = values;
    }
    return form;
  }

  private static void parseInto(String encoded, Map<String, List<String>> values) {
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        values.computeIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new DockerException("invalid URL escape");
      }
    }
  }
}
