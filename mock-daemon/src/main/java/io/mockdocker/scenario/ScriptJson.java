package io.mockdocker.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
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
