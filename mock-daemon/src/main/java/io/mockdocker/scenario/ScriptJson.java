package io.mockdocker.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.StatsScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Process behaviours in scenario JSON:
 * <pre>{@code
 * {"match": {"image": "busybox", "command": ["sh", "-c"]},
 *  "steps": [{"stdout": "starting\n"}, {"sleep": "PT2S"}, {"stderr": "boom\n"}, {"file": "/x", "content": "…"},
 *            {"echoStdin": true}, {"exit": 1} | {"awaitExit": true}],
 *  "ignoreSigterm": true}
 * }</pre>
 * and stats behaviours, each field optional:
 * <pre>{@code
 * {"match": {"image": "worker"}, "cpuPercent": 85,
 *  "memory": {"usage": 67108864, "limit": 0} | "memoryClimbing": {"from": 0, "to": 1048576, "perSecond": 4096}}
 * }</pre>
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
}
