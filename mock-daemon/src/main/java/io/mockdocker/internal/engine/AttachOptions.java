package io.mockdocker.internal.engine;

/** What an attach asks for: replay the logs, follow live output, and which streams. */
public record AttachOptions(boolean logs, boolean stream, boolean stdin, boolean stdout, boolean stderr) {}
