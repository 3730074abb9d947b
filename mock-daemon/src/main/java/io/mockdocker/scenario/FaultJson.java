package io.mockdocker.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.faults.Effect;
import io.mockdocker.faults.Fault;
import io.mockdocker.faults.Match;
import io.mockdocker.faults.Moment;
import io.mockdocker.script.TransferKind;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Faults and transfer scripts in scenario JSON.
 * <pre>{@code
 * "faults": [{"match": {"method": "POST", "path": "/images/create", "name": "busybox", "version": "1.2",
 *                       "nth": 2, "every": 3, "probability": 0.5, "seed": 7, "from": "…", "until": "…"},
 *             "moment": {"type": "beforeHead"} | {"type": "afterBytes", "bytes": 1024}
 *                     | {"type": "afterMessages", "messages": 3} | {"type": "atProgress", "fraction": 0.4, "layer": 2},
 *             "effect": {"type": "error", "status": 500, "message": "…"} | {"type": "delay", "min": "PT1S", "max": "PT2S"}
 *                     | {"type": "throttle", "bytesPerSecond": 51200} | {"type": "reset"} | {"type": "stall"}
 *                     | {"type": "truncate"} | {"type": "malformedChunk"} | {"type": "closeAttachEarly"}}],
 * "transfers": [{"match": {"kind": "pull", "name": "busybox", "image": "e9aa", "number": 2},
 *                "size": 102400, "chunkSize": 4096, "bytesPerSecond": 51200,
 *                "events": [{"at": 0.4, "effect": {"type": "error", "message": "…"}} (a delay, stall, error or reset),
 *                           or the first form: {"pause": 0.5, "duration": "PT10S"} (delay), {"stop": 0.9} (stall),
 *                           {"fail": 0.4, "message": "…"} (error), {"drop": 0.4} (reset)]}]
 * }</pre>
 */
final class FaultJson {
  private FaultJson() {}

  static Fault fault(JsonNode json) {
    return new Fault(match(json.path("match")), moment(json.path("moment")), effect(json.path("effect")));
  }

  static Match match(JsonNode m) {
    Match match = Match.request(m.path("method").asText("*"), m.path("path").asText("/**"));
    int nth = m.path("nth").asInt(0);
    int every = m.path("every").asInt(0);
    if (nth != 0 && every != 0) {
      throw new IllegalArgumentException("a match is either the nth call or every nth call, not both");
    }
    if (text(m, "version") != null) {
      match = match.version(text(m, "version"));
    }
    if (text(m, "name") != null) {
      match = match.name(text(m, "name"));
    }
    if (nth != 0) {
      match = match.nth(nth);
    }
    if (every != 0) {
      match = match.everyNth(every);
    }
    if (m.has("probability") || m.has("seed")) {
      match = match.probability(m.path("probability").asDouble(1), m.path("seed").asLong(0));
    }
    if (m.hasNonNull("from") || m.hasNonNull("until")) {
      match = match.between(instant(m, "from"), instant(m, "until"));
    }
    return match;
  }

  static Moment moment(JsonNode m) {
    String type = m.path("type").asText("beforeHead");
    return switch (type) {
      case "beforeHead" -> new Moment.BeforeHead();
      case "afterBytes" -> new Moment.AfterBytes(m.path("bytes").asLong());
      case "afterMessages" -> new Moment.AfterMessages(m.path("messages").asInt());
      case "atProgress" -> new Moment.AtProgress(m.path("fraction").asDouble(), m.path("layer").asInt(0));
      default -> throw new IllegalArgumentException("unknown moment type: " + type);
    };
  }

  static Effect effect(JsonNode e) {
    String type = e.path("type").asText("");
    return switch (type) {
      case "error" -> new Effect.DockerError(e.path("status").asInt(500), e.path("message").asText());
      case "delay" -> new Effect.Delay(Duration.parse(e.path("min").asText("PT0S")),
          Duration.parse(e.has("max") ? e.get("max").asText() : e.path("min").asText("PT0S")));
      case "throttle" -> new Effect.Throttle(e.path("bytesPerSecond").asLong());
      case "reset" -> new Effect.Reset();
      case "stall" -> new Effect.Stall();
      case "truncate" -> new Effect.Truncate();
      case "malformedChunk" -> new Effect.MalformedChunk();
      case "closeAttachEarly" -> new Effect.CloseAttachEarly();
      default -> throw new IllegalArgumentException("unknown effect type: " + type);
    };
  }

  static TransferMatch transferMatch(JsonNode m) {
    String kind = m.path("kind").asText("");
    return new TransferMatch(kind.isEmpty() ? null : TransferKind.valueOf(kind.toUpperCase(Locale.ROOT)),
        text(m, "name"), text(m, "image"), m.path("number").asInt(0));
  }

  static TransferScript transferScript(JsonNode t) {
    TransferScript.Builder b = TransferScript.builder();
    if (t.has("size")) {
      b.size(t.get("size").asLong());
    }
    if (t.has("chunkSize")) {
      b.chunkSize(t.get("chunkSize").asInt());
    }
    if (t.has("bytesPerSecond")) {
      b.bytesPerSecond(t.get("bytesPerSecond").asLong());
    }
    for (JsonNode e : t.path("events")) {
      if (e.has("at")) {
        b.at(e.get("at").asDouble(), effect(e.path("effect")));
      } else if (e.has("pause")) { // the first form, each kept as a fault at a moment with an effect
        b.at(e.get("pause").asDouble(), Effect.delay(Duration.parse(e.path("duration").asText())));
      } else if (e.has("stop")) {
        b.at(e.get("stop").asDouble(), Effect.stall());
      } else if (e.has("fail")) {
        b.at(e.get("fail").asDouble(), Effect.error(e.path("message").asText("Connection reset by peer")));
      } else if (e.has("drop")) {
        b.at(e.get("drop").asDouble(), Effect.reset());
      } else {
        throw new IllegalArgumentException("unknown transfer event: " + e);
      }
    }
    return b.build();
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static Instant instant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
  }
}
