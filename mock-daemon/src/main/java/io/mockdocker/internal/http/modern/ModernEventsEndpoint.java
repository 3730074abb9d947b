package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Event;
import io.mockdocker.internal.engine.Events;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: headers flushed at once, then one JSON object per line. With
 * {@code since} or {@code until} the stored history in that window comes first; an {@code until} in the past ends
 * the stream there, one in the future (on the engine's clock) ends it then, none keeps it open.
 */
final class ModernEventsEndpoint {
  private static final long POLL_MILLIS = 50;

  private final Engine engine;

  ModernEventsEndpoint(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("GET", "/events", this::events));
  }

  private void events(Call<ModernVersion> call) throws InterruptedException {
    Instant now = engine.clock().now();
    Instant since = ModernTimes.parse(call.param("since"), now);
    Instant until = ModernTimes.parse(call.param("until"), now);
    if (since != null && until != null && until.isBefore(since)) {
      throw new ApiError(400, "`since` time (" + call.param("since") + ") cannot be after `until` time ("
          + call.param("until") + ")");
    }
    ModernFilters filters = ModernFilters.parse(call.param("filters"));
    boolean legacy = call.version().legacyEventFields();
    JsonLines lines = new JsonLines(call.exchange(), "\n");
    LinkedBlockingQueue<Event> live = new LinkedBlockingQueue<>();
    try (Events.Subscription sub = engine.events().subscribe(live::add)) {
      lines.start();
      if (since != null || until != null) {
        for (Event e : sub.history()) {
          if ((since == null || !e.time().isBefore(since)) && (until == null || !e.time().isAfter(until))
              && matches(filters, e)) {
            lines.write(json(e, legacy));
          }
        }
      }
      if (until != null && until.isBefore(now)) {
        lines.finish();
        return;
      }
      while (until == null || engine.clock().now().isBefore(until)) {
        Event e = live.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (e == null) {
          if (ClientGone.check(call.exchange())) {
            call.exchange().endExchange();
            return;
          }
          continue;
        }
        if (until != null && e.time().isAfter(until)) {
          break;
        }
        if (matches(filters, e)) {
          lines.write(json(e, legacy));
        }
      }
      lines.finish();
    } catch (UncheckedIOException e) {
      call.exchange().endExchange(); // the client went away
    }
  }

  static boolean matches(ModernFilters f, Event e) {
    String name = e.attributes().getOrDefault("name", "");
    return f.any("type", t -> t.equals(e.type()))
        && f.any("event", a -> a.equals(e.baseAction()) || a.equals(e.action()))
        && f.any("action", a -> a.equals(e.baseAction()) || a.equals(e.action()))
        && f.any("container", c -> e.type().equals("container")
            && (e.actorId().startsWith(c) || c.equals(name) || c.equals("/" + name)))
        && f.any("image", i -> i.equals(e.attributes().get("image")) || i.equals(e.actorId())
            || e.type().equals("image") && i.equals(name))
        && f.any("network", n -> e.type().equals("network") && (e.actorId().startsWith(n) || name.startsWith(n)))
        && f.labels(e.attributes());
  }

  static ObjectNode json(Event e, boolean legacy) {
    ObjectNode o = GoJson.object();
    if (legacy && (e.type().equals("container") || e.type().equals("image"))) {
      o.put("status", e.action());
      o.put("id", e.actorId());
      String from = e.type().equals("container") ? e.attributes().getOrDefault("image", "") : "";
      if (!from.isEmpty()) {
        o.put("from", from);
      }
    }
    o.put("Type", e.type());
    o.put("Action", e.action());
    ObjectNode actor = o.putObject("Actor");
    actor.put("ID", e.actorId());
    ObjectNode attributes = actor.putObject("Attributes");
    new TreeMap<>(e.attributes()).forEach(attributes::put);
    o.put("scope", "local");
    o.put("time", e.time().getEpochSecond());
    o.put("timeNano", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
    return o;
  }
}
