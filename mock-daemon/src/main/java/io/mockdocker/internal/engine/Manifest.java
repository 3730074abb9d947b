package io.mockdocker.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The registry's deterministic stand-in for an image manifest: a small JSON text naming the repository, tag, image
 * and layers; its digest ({@code sha256:<64hex>}) and length are what pulls, pushes and {@code RepoDigests} show.
 */
public record Manifest(String digest, long size) {

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
