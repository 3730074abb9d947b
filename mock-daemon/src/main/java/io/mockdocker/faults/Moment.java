package io.mockdocker.faults;

/**
 * When in an exchange a {@link Fault}'s effect happens. Byte and message counts are of the response body as the
 * endpoint writes it (before chunk framing; for an attach, after the raw-stream head); a message is one JSON value of
 * a JSON stream (pull, push, import, insert on API 1.1+) or one line of a text stream (1.0, build, attach).
 */
public sealed interface Moment {

  /** Before the endpoint runs and before any byte of the response. */
  record BeforeHead() implements Moment {
    @Override
    public String toString() {
      return "head";
    }
  }

  /** Once this many body bytes have been written. */
  record AfterBytes(long bytes) implements Moment {
    public AfterBytes {
      if (bytes < 0) {
        throw new IllegalArgumentException("a byte count cannot be negative: " + bytes);
      }
    }

    @Override
    public String toString() {
      return bytes + " bytes";
    }
  }

  /** Once this many stream messages have been written. */
  record AfterMessages(int messages) implements Moment {
    public AfterMessages {
      if (messages < 0) {
        throw new IllegalArgumentException("a message count cannot be negative: " + messages);
      }
    }

    @Override
    public String toString() {
      return messages + " messages";
    }
  }

  /**
   * When a transfer the request causes (a pulled or pushed layer, an insert or import download) reaches this fraction
   * of its size, exactly on the byte: the {@code layer}th transfer of the request (from 1), or the first to get
   * there when {@code layer} is 0.
   */
  record AtProgress(double fraction, int layer) implements Moment {
    public AtProgress {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("a progress fraction is from 0 to 1: " + fraction);
      }
      if (layer < 0) {
        throw new IllegalArgumentException("layers are counted from 1 (0 for any): " + layer);
      }
    }

    @Override
    public String toString() {
      double p = fraction * 100;
      String percent = (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
      return layer == 0 ? percent : percent + " of layer " + layer;
    }
  }

  static Moment beforeHead() {
    return new BeforeHead();
  }

  static Moment afterBytes(long bytes) {
    return new AfterBytes(bytes);
  }

  static Moment afterMessages(int messages) {
    return new AfterMessages(messages);
  }

  static Moment atProgress(double fraction) {
    return new AtProgress(fraction, 0);
  }

  static Moment atProgress(int layer, double fraction) {
    if (layer < 1) {
      throw new IllegalArgumentException("layers are counted from 1: " + layer);
    }
    return new AtProgress(fraction, layer);
  }
}
