package io.mockdocker.internal.engine;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.mockdocker.TarLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a layer archive unpacks to, learnt once per JVM: a fixture image's layer is one immutable byte array that every
 * daemon of the JVM pulls, so its size (the layer walk a register records) is measured by unpacking it once into a
 * scratch file system rather than once per daemon. Keyed by the array itself (arrays compare by identity) and the tar
 * limits, held weakly: when the fixture goes, so does the entry. Thread-safe.
 */
final class PackedLayers {
  /** What {@link #walkSize} answers for an archive that does not unpack within the limits. */
  static final long DOES_NOT_UNPACK = -1;

  private static final Map<byte[], Map<TarLimits, Long>> SIZES = Collections.synchronizedMap(new WeakHashMap<>());

  private PackedLayers() {}

  /**
   * The {@link Layers#walkSize walk size} of the tree {@code archive} unpacks to within {@code limits}, or
   * {@link #DOES_NOT_UNPACK} when unpacking it fails (a caller then unpacks it the usual way, which says why).
   */
  static long walkSize(byte[] archive, TarLimits limits) {
    Map<TarLimits, Long> known = SIZES.get(archive);
    Long size = known == null ? null : known.get(limits);
    if (size == null) {
      size = measure(archive, limits);
      SIZES.computeIfAbsent(archive, k -> Collections.synchronizedMap(new HashMap<>())).put(limits, size);
    }
    return size;
  }

  private static long measure(byte[] archive, TarLimits limits) {
    try (FileSystem scratch = Jimfs.newFileSystem(Configuration.unix())) {
      Path dir = scratch.getPath("/layer");
      Transfers.untar(archive, dir, new TarBudget(limits));
      return Layers.walkSize(dir);
    } catch (DockerException e) {
      return DOES_NOT_UNPACK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
