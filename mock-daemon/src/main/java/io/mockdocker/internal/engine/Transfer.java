package io.mockdocker.internal.engine;

import io.mockdocker.script.TransferKind;
import java.util.Locale;

/**
 * One streamed transfer the engine is making, as scripts and hooks see it.
 *
 * @param kind pull, push, insert, import or a build step
 * @param name the repository of a pull or push, the URL of an insert or import, {@code ""} for a build
 * @param image the ID of the layer moved, or {@code ""} (insert, import, build)
 * @param number the transfer's number within its request, from 1 (layers already present are not counted)
 * @param size the bytes that will be read ({@code 0} for a build step)
 */
public record Transfer(TransferKind kind, String name, String image, int number, long size) {

  Transfer withSize(long bytes) {
    return new Transfer(kind, name, image, number, bytes);
  }

  /** E.g. {@code pull busybox #2 layer 27cf78414709 (102400 bytes)}. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + (name.isEmpty() ? "" : " " + name) + " #" + number
        + (image.isEmpty() ? "" : " layer " + Ids.shortId(image))
        + (kind == TransferKind.BUILD ? "" : " (" + size + " bytes)");
  }
}
