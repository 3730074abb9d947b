package io.mockdocker.internal.http.era;

import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.engine.TransferHook;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.DockerApi;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.EraProgressAction;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.Responses;
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
 * Each message is flushed as it is written (except import's status lines, see the constructor), so the response is
 * chunked; {@link #used()} tells whether anything was written, which decides whether a failure is a plain error or a
 * message inside the stream.
 */
final class StreamWriter implements ProgressSink {
  private final HttpServerExchange exchange;
  private final boolean json;
  private final boolean unflushedStatus;
  private final EraFeatures release;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private OutputStream out;
  private boolean used;

  /**
   * @param unflushedStatus import's writing: its status lines (and the handler's error) went to the ResponseWriter
   *     without a flush, and only its progress reader flushed. Status lines then wait and leave with the next
   *     progress update; if nothing was flushed when the handler returns, the whole answer goes out with a
   *     Content-Length instead of chunked (an import from {@code -}, a failed download).
   * @param release how the release wrote progress (its byte counts, its action) and raw text
   */
  StreamWriter(HttpServerExchange exchange, ApiVersion version, boolean unflushedStatus, EraFeatures release) {
    this.exchange = exchange;
    this.release = release;
    this.json = version.progress() == ApiVersion.ProgressFormat.JSON_STREAM;
    this.unflushedStatus = unflushedStatus;
  }

  /** What an outer handler attached for this request's transfers (faults at a progress fraction), if anything. */
  @Override
  public TransferHook hook() {
    TransferHook hook = exchange.getAttachment(DockerApi.TRANSFER_HOOK);
    return hook == null ? TransferHook.NONE : hook;
  }

  @Override
  public Sizes sizes() {
    return release.progressSizes();
  }

  @Override
  public String tagPath(String repository, String tag) {
    return release.pushTagPath().of(repository, tag);
  }

  boolean used() {
    return used;
  }

  @Override
  public void status(String text) {
    write(json ? GoJson.string(GoJson.object().put("status", text)) : text + release.rawStream().lineEnd(text),
        !unflushedStatus);
  }

  @Override
  public void progress(String action, String text) {
    EraProgressAction words = release.progressAction();
    write(json ? GoJson.string(words.jsonStatus() ? GoJson.object().put("status", action).put("progress", text)
        : GoJson.object().put("progress", text)) : words.raw(action, text) + "\r", true);
  }

  @Override
  public void endOfTransfer() {
    write(json ? "{}" : release.rawStream().endOfTransfer(), true);
  }

  void error(String message) {
    write(json ? GoJson.string(GoJson.object().put("error", message)) : release.rawStream().error(message),
        !unflushedStatus);
  }

  /** Appends a JSON value after the messages (insert's trailing {@code {"Id":…}}). */
  void appendJson(String text) {
    write(text, true);
  }

  private void write(String text, boolean flush) {
    used = true;
    pending.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    if (flush) {
      flushPending();
    }
  }

  /** Sends what is pending as one chunk, starting the chunked response if needed. */
  private void flushPending() {
    try {
      if (out == null) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, json ? Responses.JSON : Responses.TEXT_PLAIN);
        exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
        out = exchange.getOutputStream();
      }
      out.write(pending.toByteArray());
      pending.reset();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ends the response: with nothing flushed yet, what is pending goes out with a Content-Length (as go1.1 did for a
   * handler that returned before its buffer was flushed); otherwise the rest is one last chunk.
   */
  void finish() {
    if (out == null) {
      if (used) {
        Responses.send(exchange, 200, json ? Responses.JSON : Responses.TEXT_PLAIN, pending.toByteArray());
      }
      return;
    }
    try {
      if (pending.size() > 0) {
        out.write(pending.toByteArray());
        pending.reset();
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
