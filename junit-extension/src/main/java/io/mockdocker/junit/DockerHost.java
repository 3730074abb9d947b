package io.mockdocker.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for the daemon's address, {@code http://127.0.0.1:PORT}, on a {@code URI} or a {@code String}: the same as
 * {@link MockDockerRuntimeInfo#uri()} and {@link MockDockerRuntimeInfo#url()}. (The {@code tcp://} form of
 * {@code DOCKER_HOST} is {@link MockDockerRuntimeInfo#dockerHost()}.) Parameters and fields of those types are left
 * alone without it.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DockerHost {}
