package io.mockdocker.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.DockerException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Request bodies decoded as Go's {@code json.NewDecoder(r.Body).Decode(&v)} did: the first JSON value only, keys
 * matched case-insensitively (the last match wins), unknown keys ignored, {@code null} leaving the zero value, and the
 * decoder's error texts ({@code EOF}, {@code unexpected EOF}, {@code invalid character …}).
 */
public final class JsonBodies {
  private JsonBodies() {}

  /** The body's first JSON value, which must be an object for the daemon's structs. */
  public static ObjectNode object(byte[] body) {
    JsonNode node = value(body);
    if (!node.isObject()) {
      throw new DockerException("json: cannot unmarshal " + goType(node) + " into Go value of type "
          + "map[string]interface {}");
    }
    return (ObjectNode) node;
  }

  /** The body's first JSON value of any kind, with Go's decoder's error texts. */
  public static JsonNode value(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      throw new DockerException("EOF");
    }
    char first = text.charAt(i);
    if ("{[\"-0123456789tfn".indexOf(first) < 0) {
      throw new DockerException("invalid character " + quoteChar(first) + " looking for beginning of value");
    }
    char tooDeep = tooDeep(text, i);
    if (tooDeep != 0) {
      throw new DockerException("invalid character " + quoteChar(tooDeep) + " exceeded max depth");
    }
    JsonNode node;
    try (var parser = GoJson.MAPPER.createParser(text)) {
      node = GoJson.MAPPER.readTree(parser);
    } catch (JsonEOFException e) {
      throw new DockerException("unexpected EOF");
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int quote = msg.indexOf('\'');
      if (quote >= 0 && quote + 1 < msg.length()) {
        throw new DockerException("invalid character " + quoteChar(msg.charAt(quote + 1))
            + " looking for beginning of value");
      }
      throw new DockerException("unexpected EOF");
    } catch (java.io.IOException e) {
      throw new DockerException("unexpected EOF");
    }
    if (node == null) {
      throw new DockerException("EOF");
    }
    return node;
  }

  /**
   * The deepest nesting a body may have: Jackson's own limit, under Go's 10000 (Go 1.1 had none and could be made to
   * overflow its stack).
   */
  static final int MAX_DEPTH = 1000;

  /**
   * The bracket that opens a level beyond {@link #MAX_DEPTH} in the first value, or 0; the error then reads as Go
   * 1.15+'s {@code invalid character '[' exceeded max depth}.
   */
  private static char tooDeep(String text, int from) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          return c;
        }
      } else if (c == '}' || c == ']') {
        if (--depth <= 0) {
          return 0;
        }
      }
    }
    return 0;
  }

  /** The value of the last key equal to {@code name} ignoring case, or {@code null}. JSON null counts as absent. */
  static JsonNode field(ObjectNode object, String name) {
    JsonNode found = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
        found = e.getValue();
      }
    }
    return found;
  }

  static boolean has(ObjectNode object, String name) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      if (it.next().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  public static String string(ObjectNode object, String name, String goType) {
    JsonNode v = field(object, name);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw mismatch(v, goType);
    }
    return v.textValue();
  }

  static long int64(ObjectNode object, String name) {
    JsonNode v = field(object, name);
    if (v == null) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw mismatch(v, "int64");
    }
    return v.longValue();
  }

  static boolean bool(ObjectNode object, String name) {
    JsonNode v = field(object, name);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw mismatch(v, "bool");
    }
    return v.booleanValue();
  }

  static DockerException mismatch(JsonNode v, String goType) {
    return new DockerException("json: cannot unmarshal " + goType(v) + " into Go value of type " + goType);
  }

  /** The kind of a JSON value as Go's decoder names it in its errors. */
  public static String goType(JsonNode v) {
    if (v.isTextual()) return "string";
    if (v.isNumber()) return "number";
    if (v.isBoolean()) return "bool";
    if (v.isArray()) return "array";
    if (v.isObject()) return "object";
    return "null";
  }

  private static String quoteChar(char c) {
    return c == '\'' ? "'\\''" : "'" + c + "'";
  }
}
