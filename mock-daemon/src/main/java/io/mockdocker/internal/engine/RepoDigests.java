package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The manifest digests an image was pulled or pushed under, per repository ({@code busybox@sha256:…}). Thread-safe. */
final class RepoDigests {
  private final Map<String, TreeMap<String, String>> byImage = new HashMap<>();

  synchronized void record(String imageId, String repository, String digest) {
    byImage.computeIfAbsent(imageId, k -> new TreeMap<>()).put(repository, digest);
  }

  /** {@code repository@digest} for each repository the image has a digest in, sorted. */
  synchronized List<String> of(String imageId) {
    List<String> out = new ArrayList<>();
    byImage.getOrDefault(imageId, new TreeMap<>()).forEach((repo, digest) -> out.add(repo + "@" + digest));
    return out;
  }

  /** The ID of the image recorded under {@code repository@digest}, or null. */
  synchronized String imageOf(String repository, String digest) {
    for (Map.Entry<String, TreeMap<String, String>> e : byImage.entrySet()) {
      if (digest.equals(e.getValue().get(repository))) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Forgets the image's digest in one repository; returns {@code repository@digest}, or null when there was none. */
  synchronized String forget(String imageId, String repository) {
    TreeMap<String, String> digests = byImage.get(imageId);
    String digest = digests == null ? null : digests.remove(repository);
    return digest == null ? null : repository + "@" + digest;
  }

  synchronized void forgetImage(String imageId) {
    byImage.remove(imageId);
  }
}
