package io.mockdocker;

import io.mockdocker.faults.Fault;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.DockerApi;
import io.mockdocker.registry.Registry;
import io.mockdocker.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What a {@link MockDocker.Builder} collects, with the defaults it starts from. The builder fills it; each
 * {@link MockDocker.Builder#start()} reads it once ({@link DaemonStart} copies what a daemon keeps), so a builder can go
 * on changing it and start more daemons.
 */
final class DaemonSettings {
  String host = "127.0.0.1";
  int port;
  Fixtures fixtures; // null: Fixtures.defaults(), read only by a daemon that needs them
  final List<Scenario> scenarios = new ArrayList<>();
  /** Steps run on each new engine after the fixtures and the scenarios: scripts and preloads. */
  final List<Consumer<Engine>> setup = new ArrayList<>();
  boolean cors;
  ApiProfile profile = ApiProfile.era();
  EraRelease release = EraRelease.defaultRelease();
  boolean adminApi;
  Clock clock = Clock.system();
  Registry registry; // null: a new registry for each engine
  Random random; // null: the engines' shared SecureRandom
  Consumer<RecordedRequest> requestListener = entry -> {};
  int ioThreads = 1;
  int workerThreads = 64;
  int journalCapacity = RequestJournal.DEFAULT_CAPACITY;
  final List<Fault> faults = new ArrayList<>();
  long maxBodyBytes = DockerApi.DEFAULT_MAX_BODY_BYTES;
  TarLimits tarLimits = TarLimits.DEFAULT;
  ConnectionTimeouts timeouts = ConnectionTimeouts.DEFAULT;
  HostFiles hostFiles = HostFiles.disk();
  String resolvConf = "";
  boolean openRegistry;
  int rcliPort = -1; // -1: no rcli listener

  /** {@code port} when it is a TCP port (0 for a free one), else {@code <what> out of range: <port>}. */
  static int checkPort(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " out of range: " + port);
    }
    return port;
  }

  /** {@code n} when it is at least 1, else {@code <what> must be positive: <n>}. */
  static int checkPositive(String what, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be positive: " + n);
    }
    return n;
  }
}
