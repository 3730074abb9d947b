package io.mockdocker.internal.http.era;

import io.mockdocker.internal.engine.DockerException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body as Go 1.1's ParseMultipartForm read it: file parts and value parts by name, and
 * its error texts for a missing media type or a broken body.
 */
final class Multipart {
  /** A part: its bytes and whether it was a file. */
  record Part(byte[] content, boolean file) {}

  private Multipart() {}

  /** Parts by form name; non-multipart types give no parts (Go 1.1 did not complain), a missing type fails. */
  static Map<String, Part> parse(String contentType, byte[] body) {
    if (contentType == null || contentType.isBlank()) {
      throw new DockerException("mime: no media type");
    }
    String lower = contentType.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("multipart/form-data")) {
      return Map.of();
    }
    String boundary = parameter(contentType, "boundary");
    if (boundary == null || boundary.isEmpty()) {
      throw new DockerException("no multipart boundary param in Content-Type");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw new DockerException("multipart: NextPart: EOF");
    }
    while (true) {
      int lineEnd = pos + delimiter.length;
      if (lineEnd + 1 < body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
        return parts;
      }
      int headersStart = skipLine(body, lineEnd);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersStart < 0 || headersEnd < 0) {
        throw new DockerException("multipart: NextPart: EOF");
      }
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      int contentStart = headersEnd + 4;
      int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
      if (next < 0) {
        throw new DockerException("multipart: NextPart: EOF");
      }
      byte[] content = java.util.Arrays.copyOfRange(body, contentStart, next);
      String disposition = null;
      for (String h : headers.split("\r\n")) {
        if (h.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
          disposition = h.substring(h.indexOf(':') + 1);
        }
      }
      String name = disposition == null ? null : parameter(disposition, "name");
      if (name != null) {
        parts.putIfAbsent(name, new Part(content, parameter(disposition, "filename") != null));
      }
      pos = next + 2;
    }
  }

  private static String parameter(String header, String key) {
    for (String piece : header.split(";")) {
      String p = piece.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(key)) {
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }

  private static int skipLine(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    if (from < 0) {
      return -1;
    }
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
