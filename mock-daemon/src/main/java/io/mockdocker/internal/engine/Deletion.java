package io.mockdocker.internal.engine;

/** One line of what {@code DELETE /images} did: an untag or a deleted layer, with the image's short ID. */
public record Deletion(Kind kind, String shortId) {
  public enum Kind { UNTAGGED, DELETED }

  static Deletion untagged(String id) {
    return new Deletion(Kind.UNTAGGED, Ids.shortId(id));
  }

  static Deletion deleted(String id) {
    return new Deletion(Kind.DELETED, Ids.shortId(id));
  }
}
