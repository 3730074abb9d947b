package io.mockdocker.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.StatsScript;
import io.mockdocker.script.SignalAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Process behaviours in scenario JSON:
 * <pre>{@code
 * {"match": {"image": "busybox", "command": ["sh", "-c"]},
 *  "steps": [{"stdout": "starting\n"}, {"sleep": "PT2S"}, {"stderr": "boom\n"}, {"file": "/x", "content": "…"},
 *            {"echoStdin": true}, {"exit": 1} | {"awaitExit": true}],
 *  "ignoreSigterm": true,
 *  "onSignal": {"TERM": {"print": "bye\n", "exit": 0}, "HUP": {"print": "reloading\n"}, "USR1": {"ignore": true}}}
 * }</pre>
 *
 * <p>and what a connection to a published port gets (exactly one of {@code hold}, {@code echo}, {@code reply},
 * {@code httpReply}, {@code forward}; the two waits are optional):
 * <pre>{@code
 * {"match": {"image": "nginx", "container": "web", "port": "80/tcp"},
 *  "hold": true | "echo": true | "reply": "text" | "httpReply": {"status": 200, "body": "hello"}
 *    | "forward": {"host": "127.0.0.1", "port": 8080},
 *  "openAfterLog": "ready", "openAfter": "PT2S"}
 * }</pre>
 *
 * <p>and stats behaviours, each field optional:
 * <pre>{@code
 * {"match": {"image": "worker"}, "cpuPercent": 85,
 *  "memory": {"usage": 67108864, "limit": 0} | "memoryClimbing": {"from": 0, "to": 1048576, "perSecond": 4096}}
 * }</pre>
 *
 * <p>In {@code onSignal} each signal (a name with or without {@code SIG}, or a number) maps to what the process does:
 * {@code print} writes to stdout and goes on, {@code exit} exits with that code (after the print), {@code ignore}
 * drops the signal.
 */
final class ScriptJson {
  private ScriptJson() {}

  static ProcessMatch match(JsonNode json) {
    JsonNode m = json.path("match");
    String image = m.hasNonNull("image") ? m.get("image").asText() : null;
    List<String> command = null;
    if (m.has("command")) {
      command = new ArrayList<>();
      for (JsonNode word : m.get("command")) {
        command.add(word.asText());
      }
    }
    return new ProcessMatch(image, command);
  }

  static PortMatch portMatch(JsonNode json) {
    JsonNode m = json.path("match");
    return new PortMatch(text(m, "image"), text(m, "container"), text(m, "port"));
  }

  private static String text(JsonNode json, String key) {
    return json.hasNonNull(key) ? json.get(key).asText() : null;
  }

  static PortScript portScript(JsonNode json) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("hold", "echo", "reply", "httpReply", "forward")) {
      if (json.has(key)) {
        given.add(key);
      }
    }
    if (given.size() != 1) {
      throw new IllegalArgumentException("a port script says one of hold, echo, reply, httpReply or forward: " + json);
    }
    PortScript script = switch (given.get(0)) {
      case "hold" -> PortScript.hold();
      case "echo" -> PortScript.echo();
      case "reply" -> PortScript.reply(json.get("reply").asText());
      case "httpReply" -> PortScript.httpReply(json.get("httpReply").path("status").asInt(200),
          json.get("httpReply").path("body").asText(""));
      default -> {
        JsonNode f = json.get("forward");
        if (!f.path("host").isTextual() || !f.path("port").canConvertToInt()) {
          throw new IllegalArgumentException("forward is {\"host\": \"…\", \"port\": N}: " + f);
        }
        yield PortScript.forward(f.get("host").asText(), f.get("port").asInt());
      }
    };
    if (json.hasNonNull("openAfterLog")) {
      script = script.openAfterLog(json.get("openAfterLog").asText());
    }
    if (json.hasNonNull("openAfter")) {
      script = script.openAfter(Duration.parse(json.get("openAfter").asText()));
    }
    return script;
  }

  static ProcessScript script(JsonNode json) {
    ProcessScript.Builder b = ProcessScript.builder();
    for (JsonNode step : json.path("steps")) {
      if (step.has("stdout")) {
        b.stdout(step.get("stdout").asText());
      } else if (step.has("stderr")) {
        b.stderr(step.get("stderr").asText());
      } else if (step.has("sleep")) {
        b.sleep(Duration.parse(step.get("sleep").asText()));
      } else if (step.has("file")) {
        b.file(step.get("file").asText(), step.path("content").asText(""));
      } else if (step.has("echoStdin")) {
        b.echoStdin();
      } else if (step.has("exit")) {
        b.exit(step.get("exit").asInt());
      } else if (step.has("awaitExit")) {
        b.awaitExit();
      } else {
        throw new IllegalArgumentException("unknown process step: " + step);
      }
    }
    if (json.path("ignoreSigterm").asBoolean(false)) {
      b.ignoreSigterm();
    }
    json.path("onSignal").fields().forEachRemaining(e -> b.onSignal(e.getKey(), signalAction(e.getValue())));
    return b.build();
  }

  static StatsScript stats(JsonNode json) {
    StatsScript s = StatsScript.defaults();
    if (json.has("cpuPercent")) {
      s = s.cpuPercent(json.get("cpuPercent").asDouble());
    }
    if (json.has("memory")) {
      JsonNode m = json.get("memory");
      s = s.memory(m.path("usage").asLong(), m.path("limit").asLong(0));
    }
    if (json.has("memoryClimbing")) {
      JsonNode m = json.get("memoryClimbing");
      s = s.memoryClimbing(m.path("from").asLong(), m.path("to").asLong(), m.path("perSecond").asLong());
    }
    return s;
  }

  private static SignalAction signalAction(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("a signal action is an object with print, exit or ignore: " + json);
    }
    if (json.path("ignore").asBoolean(false)) {
      return SignalAction.ignore();
    }
    SignalAction action = SignalAction.print(json.path("print").asText(""));
    return json.has("exit") ? action.thenExit(json.get("exit").asInt()) : action;
  }
}
