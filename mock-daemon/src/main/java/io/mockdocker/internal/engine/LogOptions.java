package io.mockdocker.internal.engine;

import java.time.Instant;

/**
 * What {@code logs} asks for: which streams, the time window ({@code null} = open), how many of the last lines
 * ({@code -1} = all) and whether to follow live output until the process exits.
 */
public record LogOptions(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {}
