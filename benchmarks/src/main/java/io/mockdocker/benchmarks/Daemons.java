package io.mockdocker.benchmarks;

import io.mockdocker.ApiProfile;
import io.mockdocker.Clock;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Daemons and engine contents for the benchmarks, built through {@link Engine#load} rather than pulls. */
final class Daemons {
  private Daemons() {}

  /** A 64-hex image ID made from two numbers, so that every benchmark's IDs are distinct and repeatable. */
  static String id(int space, long n) {
    return String.format("%08x%056x", space, n);
  }

  /** An empty daemon (no fixtures). */
  static MockDocker empty() {
    return MockDocker.builder().fixtures(Fixtures.none()).start();
  }

  /** An empty daemon whose clock stands still, so that its answers (a container's "Up …") never change. */
  static MockDocker frozen() {
    return frozen(ApiProfile.era());
  }

  /** An empty daemon serving {@code profile}, whose clock stands still. */
  static MockDocker frozen(ApiProfile profile) {
    return MockDocker.builder().fixtures(Fixtures.none()).profile(profile).clock(FROZEN).start();
  }

  /** 2013-07-01T00:00:00Z, for ever; waits take real time. */
  static final Clock FROZEN = new Clock() {
    private final Instant now = Instant.parse("2013-07-01T00:00:00Z");

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public ZoneId zone() {
      return ZoneOffset.UTC;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }
  };

  /** Loads a chain of {@code depth} images, base first, each with one small file; returns the top image's ID. */
  static String chain(Engine engine, int space, long first, int depth) {
    return chain(engine, space, first, depth, true);
  }

  /** Loads a chain of {@code depth} images, base first, with one small file each or empty layers; the top's ID. */
  static String chain(Engine engine, int space, long first, int depth, boolean withFile) {
    List<RemoteImage> images = new ArrayList<>(depth);
    String parent = "";
    for (int i = 0; i < depth; i++) {
      String id = id(space, first + i);
      RemoteImage.Builder image = RemoteImage.builder(id).parent(parent).config(Config.ofCmd("/bin/sh"));
      if (withFile) {
        image.file("/etc/layer", id.substring(56) + "\n");
      }
      images.add(image.build());
      parent = id;
    }
    engine.load(images);
    return parent;
  }

  /** {@code count} containers of {@code image} running {@code sleep 1d}, oldest first; their short IDs. */
  static List<String> runningContainers(Engine engine, String image, int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = engine.containers().create(Config.builder().image(image).cmd("sleep", "1d").build()).id();
      engine.containers().start(id);
      ids.add(id);
    }
    return ids;
  }
}
