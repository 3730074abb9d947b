package io.mockdocker.internal.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * JSON as the daemon's Go {@code encoding/json} wrote it: compact, keys in struct order, and {@code <}, {@code >},
 * {@code &} and control characters escaped as lowercase {@code \\u00XX}, except the ones the Go release of the view
 * wrote in short form (a {@link Dialect}: one row per view). {@link #bytes} and {@link #MAPPER} are the era's
 * (Go 1.1: only {@code \n} and {@code \r} short); {@link #MODERN} is docker 28's (Go 1.24).
 */
public final class GoJson {
  /** The era's encoder (Go 1.1): a tab is {@code \\u0009}. */
  public static final Dialect ERA = new Dialect("\n\r", false);
  /**
   * Docker 28.2.2's encoder (Go 1.24): {@code \b}, {@code \t}, {@code \n}, {@code \f}, {@code \r} in short form,
   * and U+2028, U+2029 escaped. U+FFFD is escaped too: Go wrote {@code \ufffd} for each byte that was not UTF-8, and
   * by the time a text reaches this writer such a byte has become U+FFFD (a client's own U+FFFD, which Go wrote raw,
   * is far rarer than an error quoting a bad byte).
   */
  public static final Dialect MODERN = new Dialect("\b\t\n\f\r", true);
  /** The era's mapper; reading with it is the same in every view. */
  public static final ObjectMapper MAPPER = ERA.mapper;

  private GoJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** The era's bytes; the modern view writes with {@link #MODERN}. */
  public static byte[] bytes(JsonNode node) {
    return ERA.bytes(node);
  }

  public static String string(JsonNode node) {
    return ERA.string(node);
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

  /**
   * One Go release's string escaping: the control characters it wrote in short form ({@code \t}), all others
   * below U+0020 and {@code <}, {@code >}, {@code &} as {@code \\u00XX}, and whether it escaped U+2028 and U+2029.
   */
  public static final class Dialect {
    private final ObjectMapper mapper;
    /** Made once: a writer per call is a lookup and an allocation the pure reads need not pay. */
    private final ObjectWriter writer;

    private Dialect(String shortForms, boolean lineSeparators) {
      mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
      mapper.getFactory().setCharacterEscapes(new GoEscapes(shortForms, lineSeparators));
      writer = mapper.writer();
    }

    public byte[] bytes(JsonNode node) {
      return encode(node, false);
    }

    /** As Go's {@code json.Encoder} wrote a value: the bytes and a newline, in one array. */
    public byte[] line(JsonNode node) {
      return encode(node, true);
    }

    /**
     * Through a character writer as before (the escapes and the UTF-8 of unpaired surrogates stay as they were), with
     * the newline appended before the one encoding rather than copied on afterwards.
     */
    private byte[] encode(JsonNode node, boolean newline) {
      StringWriter out = new StringWriter(256);
      try {
        writer.writeValue(out, node);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (newline) {
        out.write('\n');
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public String string(JsonNode node) {
      return new String(bytes(node), StandardCharsets.UTF_8);
    }
  }

  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final String SHORT_NAMES = "\bb\tt\nn\ff\rr";
    private final int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
    private final String shortForms;
    private final boolean lineSeparators;

    GoEscapes(String shortForms, boolean lineSeparators) {
      this.shortForms = shortForms;
      this.lineSeparators = lineSeparators;
      for (int c = 0; c < 0x20; c++) {
        codes[c] = ESCAPE_CUSTOM;
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
      if (ch >= 0x80 && !(lineSeparators && (ch == 0x2028 || ch == 0x2029 || ch == 0xfffd))) {
        return null;
      }
      if (shortForms.indexOf(ch) >= 0) {
        return new SerializedString("\\" + SHORT_NAMES.charAt(SHORT_NAMES.indexOf(ch) + 1));
      }
      return new SerializedString(String.format("\\u%04x", ch));
    }
  }
}
