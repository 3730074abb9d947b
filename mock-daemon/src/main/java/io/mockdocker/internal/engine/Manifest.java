package io.mockdocker.internal.engine;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The registry's deterministic stand-in for an image manifest: a small JSON text naming the repository, tag, image
 * and layers; its digest ({@code sha256:<64hex>}) and length are what pulls, pushes and {@code RepoDigests} show.
 */
public record Manifest(String digest, long size) {

  /** The manifest of {@code repository:tag} as the registry holds it: the image and its ancestors, base first. */
  static Manifest ofRegistry(Registry registry, String repository, String tag, String imageId) {
    List<String> ancestry = RegistryAccess.ancestry(registry, imageId);
    List<String> baseFirst = new ArrayList<>(ancestry == null ? List.of(imageId) : ancestry);
    Collections.reverse(baseFirst);
    return of(repository, tag, imageId, baseFirst);
  }

  static Manifest of(String repository, String tag, String imageId, List<String> layersBaseFirst) {
    StringBuilder text = new StringBuilder("{\"repository\":\"").append(repository).append("\",\"tag\":\"")
        .append(tag).append("\",\"image\":\"").append(imageId).append("\",\"layers\":[");
    for (int i = 0; i < layersBaseFirst.size(); i++) {
      text.append(i == 0 ? "\"" : ",\"").append(layersBaseFirst.get(i)).append('"');
    }
    byte[] bytes = text.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    try {
      return new Manifest("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          bytes.length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
