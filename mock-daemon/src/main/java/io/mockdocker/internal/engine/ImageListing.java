package io.mockdocker.internal.engine;

/** One row of the image list: a {@code repo:tag} (both empty for an untagged image) and its image. */
public record ImageListing(String repository, String tag, Image image, long virtualSize) {}
