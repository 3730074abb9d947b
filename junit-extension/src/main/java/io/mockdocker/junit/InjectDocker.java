package io.mockdocker.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a non-static, non-final field of type {@code MockDocker} or {@link MockDockerRuntimeInfo} that the extension
 * sets before each test to that test's daemon, or of type {@code VirtualClock}, set to the daemon's clock when it runs
 * on one. ({@code URI} and {@code String} fields take {@link DockerHost}.)
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectDocker {}
