package io.mockdocker.internal.engine;

import java.util.List;

/** One layer of an image's history with the {@code repo:tag} names pointing at it (unordered, possibly empty). */
public record HistoryEntry(Image image, List<String> tags) {}
