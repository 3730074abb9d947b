package io.mockdocker.api;

import io.mockdocker.engine.ProgressSink;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's StreamFormatter over a response: JSON messages ({@code {"status":…}}, {@code {"status":…,"progress":…}},
 * {@code {}}, {@code {"error":…}}) concatenated with no separator for API 1.1 and later, or raw text lines for 1.0.
 * Each message is flushed as it is written, so the response is chunked; {@link #used()} tells whether anything was
 * written, which decides whether a failure is a plain error or a message inside the stream.
 */
final class StreamWriter implements ProgressSink {
  private final HttpServerExchange exchange;
  private final boolean json;
  private final boolean buffered;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private OutputStream out;
  private boolean used;

  /**
   * @param buffered collect everything and send it with a Content-Length at the end (import from the body wrote
   *     without flushing)
   */
  StreamWriter(HttpServerExchange exchange, ApiVersion version, boolean buffered) {
    this.exchange = exchange;
    this.json = version.progress() == ApiVersion.ProgressFormat.JSON_STREAM;
    this.buffered = buffered;
  }

  boolean used() {
    return used;
  }

  @Override
  public void status(String text) {
    write(json ? GoJson.string(GoJson.object().put("status", text)) : text + "\r\n");
  }

  @Override
  public void progress(String action, String text) {
    write(json ? GoJson.string(GoJson.object().put("status", action).put("progress", text))
        : action + " " + text + "\r");
  }

  @Override
  public void endOfTransfer() {
    write(json ? "{}" : "\r\n");
  }

  void error(String message) {
    write(json ? GoJson.string(GoJson.object().put("error", message)) : "Error: " + message + "\r\n");
  }

  /** Appends a JSON value after the messages (insert's trailing {@code {"Id":…}}). */
  void appendJson(String text) {
    write(text);
  }

  private void write(String text) {
    used = true;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (buffered) {
      buffer.writeBytes(bytes);
      return;
    }
    try {
      if (out == null) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, json ? Responses.JSON : Responses.TEXT_PLAIN);
        exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
        out = exchange.getOutputStream();
      }
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the response: sends the buffer, or closes the chunked stream. */
  void finish() {
    if (buffered) {
      Responses.send(exchange, 200, json ? Responses.JSON : Responses.TEXT_PLAIN, buffer.toByteArray());
      return;
    }
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
