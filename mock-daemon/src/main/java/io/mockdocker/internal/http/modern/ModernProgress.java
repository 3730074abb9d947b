package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.GoJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;

/** The modern JSONMessage of a progress update, with the daemon's pre-rendered bar (jsonmessage.JSONProgress). */
final class ModernProgress {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private ModernProgress() {}

  /** {@code {"status":…,"progressDetail":{},"id":…}}. */
  static ObjectNode plain(String status, String id) {
    ObjectNode o = GoJson.object().put("status", status);
    o.putObject("progressDetail");
    return o.put("id", id);
  }

  /** {@code {"status":…,"progressDetail":{"current","total"},"progress":"[==>  ]  1kB/2kB","id":…}}. */
  static ObjectNode update(String status, String id, long current, long total) {
    ObjectNode o = GoJson.object().put("status", status);
    ObjectNode detail = o.putObject("progressDetail");
    detail.put("current", current);
    detail.put("total", total);
    String bar = bar(current, total);
    if (!bar.isEmpty()) {
      o.put("progress", bar);
    }
    return o.put("id", id);
  }

  /** JSONProgress.String() for a 200-column daemon side: the bar, then current/total in human units. */
  static String bar(long current, long total) {
    if (current <= 0 && total <= 0) {
      return "";
    }
    if (total <= 0) {
      return String.format("%8s", humanSize(current));
    }
    int percentage = (int) ((double) current / total * 100) / 2;
    percentage = Math.min(percentage, 50);
    String box = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, 50 - percentage)) + "] ";
    String numbers = current > total ? String.format("%8s", humanSize(current))
        : String.format("%8s/%s", humanSize(current), humanSize(total));
    return box + numbers;
  }

  /** go-units HumanSize: decimal units, {@code %.4g}. */
  static String humanSize(double size) {
    int i = 0;
    while (size >= 1000 && i < UNITS.length - 1) {
      size /= 1000;
      i++;
    }
    String number = new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    return number + UNITS[i];
  }
}
