package io.mockdocker.internal.engine;

/** A container port published for one run: {@code 80/tcp} on {@code hostIp:hostPort} as clients are told. */
public record PublishedPort(String port, String hostIp, int hostPort) {}
