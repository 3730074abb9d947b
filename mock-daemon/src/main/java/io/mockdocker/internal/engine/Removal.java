package io.mockdocker.internal.engine;

/** What one image removal did: untagged a reference ({@code repo:tag} or {@code repo@digest}) or deleted an image ID. */
public record Removal(boolean deleted, String value) {}
