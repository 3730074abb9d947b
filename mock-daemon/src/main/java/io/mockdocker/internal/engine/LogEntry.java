package io.mockdocker.internal.engine;

import java.time.Instant;

/**
 * One message of a container's combined log, as the json-file logger kept it: the instant on the engine's clock,
 * the stream, and the bytes (one line with its {@code \n}, or the unterminated rest of the output at exit).
 */
public record LogEntry(Instant time, StdStream stream, byte[] bytes) {}
