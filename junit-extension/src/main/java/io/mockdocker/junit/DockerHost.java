package io.mockdocker.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for the daemon's address: on a {@code URI}, {@code http://127.0.0.1:PORT}; on a {@code String},
 * {@code tcp://127.0.0.1:PORT} (the form of {@code DOCKER_HOST}). Parameters and fields of those types are left
 * alone without it.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DockerHost {}
