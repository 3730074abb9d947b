package io.mockdocker.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * JSON as the daemon's Go 1.1 {@code encoding/json} wrote it: compact, keys in struct order, and {@code <}, {@code >},
 * {@code &} and control characters other than {@code \n} and {@code \r} escaped as lowercase {@code \\u00XX}.
 */
public final class GoJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  static {
    MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
  }

  private GoJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String string(JsonNode node) {
    return new String(bytes(node), StandardCharsets.UTF_8);
  }

  /** Go's {@code time.Time} in RFC3339Nano: fraction trimmed of trailing zeros, {@code Z} for a zero offset. */
  public static String time(OffsetDateTime t) {
    StringBuilder sb = new StringBuilder();
    int year = t.getYear();
    sb.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond()));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (end > 0 && frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    ZoneOffset offset = t.getOffset();
    if (offset.getTotalSeconds() == 0) {
      sb.append('Z');
    } else {
      int total = offset.getTotalSeconds();
      char sign = total < 0 ? '-' : '+';
      total = Math.abs(total);
      sb.append(sign).append(String.format("%02d:%02d", total / 3600, (total / 60) % 60));
    }
    return sb.toString();
  }

  /** The zero {@code time.Time}. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();

    GoEscapes() {
      for (int c = 0; c < 0x20; c++) {
        if (c != '\n' && c != '\r') {
          codes[c] = ESCAPE_CUSTOM;
        }
      }
      codes['<'] = ESCAPE_CUSTOM;
      codes['>'] = ESCAPE_CUSTOM;
      codes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
  }
}
