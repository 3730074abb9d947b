package io.mockdocker.internal.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A tar reader that checks every header record's checksum (commons-compress does not) and tells a short record
 * from a clean end, with GNU tar's leniency: nothing after an end-of-archive record is examined, and a short record
 * after the first header ends the archive quietly.
 */
final class CheckedTarInputStream extends TarArchiveInputStream {
  /** Offset of the type flag in a tar header. */
  private static final int TYPEFLAG_OFFSET = 156;
  /** Offset of the "more sparse headers follow" flag in an old GNU sparse header. */
  private static final int GNU_SPARSE_EXTENDED_OFFSET = 482;
  /** Offset of the "more sparse headers follow" flag in a GNU sparse extension record. */
  private static final int GNU_SPARSE_EXTENSION_EXTENDED_OFFSET = 504;

  private final TarSourceStream source;
  private long headers;
  private boolean afterEndMarker;
  private boolean sparseExtensionPending;

  CheckedTarInputStream(TarSourceStream source) {
    super(source, StandardCharsets.UTF_8.name());
    this.source = source;
  }

  @Override
  protected byte[] readRecord() throws IOException {
    long before = source.count();
    byte[] record = super.readRecord();
    if (afterEndMarker) {
      return record;
    }
    if (record == null) {
      if (source.count() > before && headers == 0) {
        throw new TarFormatException(Layers.NOT_A_TAR, null);
      }
      return null;
    }
    if (isZero(record)) {
      afterEndMarker = true;
      return record;
    }
    if (sparseExtensionPending) {
      sparseExtensionPending = record[GNU_SPARSE_EXTENSION_EXTENDED_OFFSET] != 0;
      return record;
    }
    if (!checksumMatches(record)) {
      throw new TarFormatException(headers == 0 ? Layers.NOT_A_TAR : Layers.INVALID_HEADER, null);
    }
    headers++;
    sparseExtensionPending = record[TYPEFLAG_OFFSET] == TarConstants.LF_GNUTYPE_SPARSE
        && record[GNU_SPARSE_EXTENDED_OFFSET] != 0;
    return record;
  }

  private static boolean isZero(byte[] record) {
    for (byte b : record) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean checksumMatches(byte[] record) {
    try {
      return TarUtils.verifyCheckSum(record);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
