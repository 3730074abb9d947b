package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.HostFiles;
import io.mockdocker.TarLimits;
import io.mockdocker.registry.Registry;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

/**
 * What an {@link Engine.Builder} collects, with the defaults it starts from. The builder fills it; each
 * {@link Engine.Builder#build()} reads it once, so a builder can go on changing it and build more engines.
 */
final class EngineSettings {
  Clock clock = Clock.system();
  Registry registry = new Registry();
  /** One generator for the IDs of every engine not given its own: a SecureRandom is costly to seed per engine. */
  static final Random SHARED_RANDOM = new SecureRandom();
  Random random = SHARED_RANDOM;
  Set<Capability> capabilities = EnumSet.of(Capability.MEMORY_LIMIT);
  TarLimits tarLimits = TarLimits.DEFAULT;
  HostFiles hostFiles = HostFiles.disk();
  String version = Engine.VERSION;
  String resolvConf = "";
}
