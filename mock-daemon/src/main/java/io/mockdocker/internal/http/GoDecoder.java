package io.mockdocker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.internal.engine.DockerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A modern request body read as Go's {@code encoding/json} read it, with its error texts: the bytes are checked first
 * by a scanner with Go's grammar and words ({@code invalid character '\x00' in string literal}, {@code … after
 * object key}, {@code unexpected EOF}, …), so no parser library's wording reaches a client; bytes that are not UTF-8
 * inside strings are accepted and read as U+FFFD, as Go did.
 */
public final class GoDecoder {
  private GoDecoder() {}

  /**
   * The body's first JSON value as {@code json.NewDecoder(r).Decode} read it; a malformed body fails with the
   * decoder's text ({@code EOF} for nothing but white space).
   */
  public static JsonNode value(byte[] body) {
    String error = new Scanner(body, false).error();
    if (error != null) {
      throw new DockerException(error);
    }
    return parse(body);
  }

  /** The whole of {@code text} as {@code json.Unmarshal} read it (its texts: {@code unexpected end of JSON input}). */
  public static JsonNode unmarshal(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    String error = new Scanner(body, true).error();
    if (error != null) {
      throw new DockerException(error);
    }
    return parse(body);
  }

  private static JsonNode parse(byte[] body) {
    try (var parser = GoJson.MAPPER.createParser(new String(body, StandardCharsets.UTF_8))) {
      JsonNode node = GoJson.MAPPER.readTree(parser);
      if (node == null) {
        throw new DockerException("EOF");
      }
      return node;
    } catch (IOException e) {
      // valid for Go but past one of the parser's own limits (a number or a string of millions of characters)
      throw new DockerException("unexpected EOF");
    }
  }

  /** Go's {@code quoteChar}: the byte as a Go character literal. */
  static String quote(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String s = switch (c) {
      case 7 -> "\\a";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case 11 -> "\\v";
      case '\\' -> "\\\\";
      default -> c < 0x20 || (c >= 0x7f && c < 0xa0) ? String.format("\\x%02x", c)
          : c == 0xa0 || c == 0xad ? String.format("\\u%04x", c) : String.valueOf((char) c);
    };
    return "'" + s + "'";
  }

  /** Go's scanner over the first value (or, for Unmarshal, the whole input), byte by byte. */
  private static final class Scanner {
    private static final int MAX_DEPTH = JsonBodies.MAX_DEPTH;
    private final byte[] in;
    private final boolean whole;
    private int i;
    /** Open containers, innermost last: '{' or '['. */
    private final StringBuilder stack = new StringBuilder();

    Scanner(byte[] in, boolean whole) {
      this.in = in;
      this.whole = whole;
    }

    /** The error text, or null when the input holds a valid value. */
    String error() {
      try {
        skipSpace();
        if (i == in.length) {
          return whole ? "unexpected end of JSON input" : "EOF";
        }
        value();
        if (whole) {
          skipSpace();
          if (i < in.length) {
            return "invalid character " + quote(in[i] & 0xff) + " after top-level value";
          }
        }
        return null;
      } catch (Failed f) {
        return f.getMessage();
      }
    }

    private void value() {
      int c = next("looking for beginning of value");
      switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case '-' -> number(c);
        case 't' -> literal("true");
        case 'f' -> literal("false");
        case 'n' -> literal("null");
        default -> {
          if (c >= '0' && c <= '9') {
            number(c);
          } else {
            throw invalid(c, "looking for beginning of value");
          }
        }
      }
    }

    private void object() {
      open('{');
      skipSpace();
      if (peek() == '}') {
        i++;
        stack.setLength(stack.length() - 1);
        return;
      }
      while (true) {
        skipSpace();
        int c = next(null);
        if (c != '"') {
          throw invalid(c, "looking for beginning of object key string");
        }
        string();
        skipSpace();
        c = next(null);
        if (c != ':') {
          throw invalid(c, "after object key");
        }
        skipSpace();
        value();
        skipSpace();
        c = next(null);
        if (c == '}') {
          stack.setLength(stack.length() - 1);
          return;
        }
        if (c != ',') {
          throw invalid(c, "after object key:value pair");
        }
      }
    }

    private void array() {
      open('[');
      skipSpace();
      if (peek() == ']') {
        i++;
        stack.setLength(stack.length() - 1);
        return;
      }
      while (true) {
        skipSpace();
        value();
        skipSpace();
        int c = next(null);
        if (c == ']') {
          stack.setLength(stack.length() - 1);
          return;
        }
        if (c != ',') {
          throw invalid(c, "after array element");
        }
      }
    }

    private void open(char c) {
      stack.append(c);
      if (stack.length() > MAX_DEPTH) {
        throw new Failed("invalid character " + quote(c) + " exceeded max depth");
      }
    }

    private void string() {
      while (true) {
        int c = next(null);
        if (c == '"') {
          return;
        }
        if (c == '\\') {
          c = next(null);
          if (c == 'u') {
            for (int k = 0; k < 4; k++) {
              c = next(null);
              if (Character.digit(c, 16) < 0) {
                throw invalid(c, "in \\u hexadecimal character escape");
              }
            }
          } else if ("bfnrt\\/\"".indexOf(c) < 0) {
            throw invalid(c, "in string escape code");
          }
        } else if (c < 0x20) {
          throw invalid(c, "in string literal");
        }
      }
    }

    private void number(int first) {
      int c = first;
      if (c == '-') {
        c = next(null);
        if (c < '0' || c > '9') {
          throw invalid(c, "in numeric literal");
        }
      }
      if (c != '0') {
        digits();
      }
      if (peek() == '.') {
        i++;
        c = next(null);
        if (c < '0' || c > '9') {
          throw invalid(c, "after decimal point in numeric literal");
        }
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        i++;
        c = next(null);
        if (c == '+' || c == '-') {
          c = next(null);
        }
        if (c < '0' || c > '9') {
          throw invalid(c, "in exponent of numeric literal");
        }
        digits();
      }
    }

    private void digits() {
      while (peek() >= '0' && peek() <= '9') {
        i++;
      }
    }

    private void literal(String word) {
      for (int k = 1; k < word.length(); k++) {
        int c = next(null);
        if (c != word.charAt(k)) {
          throw invalid(c, "in literal " + word + " (expecting " + quote(word.charAt(k)) + ")");
        }
      }
    }

    private void skipSpace() {
      while (i < in.length && (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r')) {
        i++;
      }
    }

    /** The next byte, -1 at the end. */
    private int peek() {
      return i < in.length ? in[i] & 0xff : -1;
    }

    private int next(String unused) {
      if (i == in.length) {
        throw new Failed(whole ? "unexpected end of JSON input" : "unexpected EOF");
      }
      return in[i++] & 0xff;
    }

    private static Failed invalid(int c, String context) {
      return new Failed("invalid character " + quote(c) + " " + context);
    }
  }

  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }
}
