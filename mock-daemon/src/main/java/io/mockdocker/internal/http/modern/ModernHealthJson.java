package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.ContainerHealth;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.registry.Healthcheck;
import java.time.Duration;
import java.util.List;

/**
 * Health checks in the modern view's JSON: {@code Config.Healthcheck} read at create (durations in nanoseconds) and
 * written by inspect, and {@code State.Health}.
 */
final class ModernHealthJson {
  private ModernHealthJson() {}

  /**
   * The {@code Healthcheck} of a create body, or {@code null} when absent; a duration under 1 ms (other than 0) or
   * negative retries is the daemon's 400. Below API 1.44, {@code StartInterval} is dropped.
   */
  static Healthcheck read(ObjectNode body, ModernVersion version) {
    JsonNode h = ModernBodies.field(body, "Healthcheck");
    if (h == null) {
      return null;
    }
    List<String> test = ModernBodies.strings(h, "Test");
    Duration interval = duration(h, "Interval");
    Duration timeout = duration(h, "Timeout");
    Duration startPeriod = duration(h, "StartPeriod");
    Duration startInterval = version.healthcheckStartInterval() ? duration(h, "StartInterval") : Duration.ZERO;
    long retries = ModernBodies.number(h, "Retries");
    check("Interval", interval);
    check("Timeout", timeout);
    if (retries < 0) {
      throw new ApiError(400, "Retries in Healthcheck cannot be negative");
    }
    check("StartPeriod", startPeriod);
    check("StartInterval", startInterval);
    return new Healthcheck(test, interval, timeout, startPeriod, startInterval, (int) retries);
  }

  private static Duration duration(JsonNode h, String name) {
    return Duration.ofNanos(ModernBodies.number(h, name));
  }

  private static void check(String name, Duration value) {
    if (!value.isZero() && value.compareTo(Duration.ofMillis(1)) < 0) {
      throw new ApiError(400, name + " in Healthcheck cannot be less than 1ms");
    }
  }

  /** {@code HealthConfig}: each member only when set, durations in nanoseconds. */
  static ObjectNode config(Healthcheck h) {
    ObjectNode o = GoJson.object();
    if (!h.test().isEmpty()) {
      ArrayNode test = o.putArray("Test");
      h.test().forEach(test::add);
    }
    putDuration(o, "Interval", h.interval());
    putDuration(o, "Timeout", h.timeout());
    putDuration(o, "StartPeriod", h.startPeriod());
    putDuration(o, "StartInterval", h.startInterval());
    if (h.retries() != 0) {
      o.put("Retries", h.retries());
    }
    return o;
  }

  private static void putDuration(ObjectNode o, String name, Duration value) {
    if (!value.isZero()) {
      o.put(name, value.toNanos());
    }
  }

  /** {@code State.Health}: {@code Status}, {@code FailingStreak} and {@code Log} (always a list). */
  static ObjectNode state(ContainerHealth h) {
    ObjectNode o = GoJson.object();
    o.put("Status", h.status());
    o.put("FailingStreak", h.failingStreak());
    ArrayNode log = o.putArray("Log");
    for (ContainerHealth.Result r : h.log()) {
      log.addObject()
          .put("Start", GoJson.time(r.start()))
          .put("End", GoJson.time(r.end()))
          .put("ExitCode", r.exitCode())
          .put("Output", r.output());
    }
    return o;
  }

  /** The {@code health} filter's word for a container: its status, or {@code none} without a check. */
  static String filterWord(ContainerHealth h) {
    return h == null ? "none" : h.status();
  }
}
