package io.mockdocker.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers of pure reads kept between state changes: one slot per thing shown (a container's list row, its inspect
 * document), holding the bytes last written and the value they were written from. The value is the whole input of the
 * rendering (snapshots, which are immutable records, and the texts the clock and the request derive), so a slot is
 * reused only when an equal input comes again: no writer has to tell the cache that something changed, and a change
 * nobody announced cannot serve stale bytes. The least recently used slots go when there are more than
 * {@code capacity}. Thread-safe; the rendering runs outside the lock, so two requests may both render the same input.
 */
public final class ReadCache {
  private final Map<String, Slot> slots;

  private record Slot(Object input, byte[] bytes) {}

  public ReadCache(int capacity) {
    this.slots = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The bytes kept in {@code slot} when they were rendered from an input equal to {@code input}, else
   * {@code render}'s (kept for next time). {@code render} must depend on nothing but {@code input}.
   */
  public byte[] get(String slot, Object input, Supplier<byte[]> render) {
    Slot kept;
    synchronized (slots) {
      kept = slots.get(slot);
    }
    if (kept != null && kept.input.equals(input)) {
      return kept.bytes;
    }
    byte[] bytes = render.get();
    synchronized (slots) {
      slots.put(slot, new Slot(input, bytes));
    }
    return bytes;
  }

  /**
   * A JSON array of already written elements, as Jackson writes one compactly ({@code [a,b]}), with a newline when
   * {@code newline} (Go's encoder).
   */
  public static byte[] array(java.util.List<byte[]> elements, boolean newline) {
    int length = 2 + Math.max(0, elements.size() - 1) + (newline ? 1 : 0);
    for (byte[] e : elements) {
      length += e.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    out[at++] = '[';
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] e = elements.get(i);
      System.arraycopy(e, 0, out, at, e.length);
      at += e.length;
    }
    out[at++] = ']';
    if (newline) {
      out[at] = '\n';
    }
    return out;
  }
}
