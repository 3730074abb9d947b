package io.mockdocker.script;

import java.util.Objects;

/**
 * Which transfers a {@link TransferScript} paces: a kind, a name, an image ID prefix and the transfer's number within
 * its operation; {@code null} (or 0 for the number) matches anything.
 *
 * <p>The name is the repository of a pull or push ({@code busybox}, {@code me/app}), the URL of an insert or import,
 * and empty for a build. The number counts the transfers one request actually makes, from 1: the second layer a pull
 * downloads (layers already present are skipped and not counted), the third step of a build.
 *
 * <pre>{@code
 * TransferMatch.pull("busybox").layer(2)     // the second layer a pull of busybox downloads
 * TransferMatch.any().image("27cf7841")      // any transfer of that layer, pull or push
 * }</pre>
 *
 * @param kind the kind of transfer, or {@code null} for any
 * @param name the repository or URL, or {@code null} for any
 * @param image a prefix of the layer's image ID, or {@code null} for any
 * @param number the transfer's number within its request, from 1, or 0 for any
 */
public record TransferMatch(TransferKind kind, String name, String image, int number) {

  public TransferMatch {
    if (number < 0) {
      throw new IllegalArgumentException("a transfer number starts at 1 (0 for any): " + number);
    }
  }

  /** Every transfer. */
  public static TransferMatch any() {
    return new TransferMatch(null, null, null, 0);
  }

  /** The layers a pull of this repository downloads. */
  public static TransferMatch pull(String repository) {
    return new TransferMatch(TransferKind.PULL, Objects.requireNonNull(repository, "repository"), null, 0);
  }

  /** The layers a push of this repository uploads. */
  public static TransferMatch push(String repository) {
    return new TransferMatch(TransferKind.PUSH, Objects.requireNonNull(repository, "repository"), null, 0);
  }

  /** The download of an insert from this URL. */
  public static TransferMatch insert(String url) {
    return new TransferMatch(TransferKind.INSERT, Objects.requireNonNull(url, "url"), null, 0);
  }

  /** The download of an import from this URL. */
  public static TransferMatch importFrom(String url) {
    return new TransferMatch(TransferKind.IMPORT, Objects.requireNonNull(url, "url"), null, 0);
  }

  /** The steps of every build. */
  public static TransferMatch build() {
    return new TransferMatch(TransferKind.BUILD, null, null, 0);
  }

  /** Narrows to the {@code n}th transfer of a request: a pull's second layer, a build's third step. */
  public TransferMatch layer(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a layer number starts at 1: " + n);
    }
    return new TransferMatch(kind, name, image, n);
  }

  /** The same as {@link #layer(int)}, in build's words. */
  public TransferMatch step(int n) {
    return layer(n);
  }

  /** Narrows to the layer whose image ID starts with {@code prefix}. */
  public TransferMatch image(String prefix) {
    return new TransferMatch(kind, name, Objects.requireNonNull(prefix, "prefix"), number);
  }

  /** Whether a transfer with these properties matches. */
  public boolean matches(TransferKind kind, String name, String imageId, int number) {
    return (this.kind == null || this.kind == kind)
        && (this.name == null || this.name.equals(name))
        && (this.image == null || imageId != null && imageId.startsWith(this.image))
        && (this.number == 0 || this.number == number);
  }

  /** E.g. {@code pull busybox #2} or {@code any transfer}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(kind == null ? "any transfer" : kind.name().toLowerCase(java.util.Locale.ROOT));
    if (name != null) {
      s.append(' ').append(name);
    }
    if (image != null) {
      s.append(" image ").append(image);
    }
    if (number > 0) {
      s.append(" #").append(number);
    }
    return s.toString();
  }
}
