package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.TarLimits;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.Tars;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Tar bombs under pressure: concurrent bombs all get the limit's message (they share one budget), and the memory a
 * refused bomb took is given back to the heap.
 */
class TarBombPressureTest {
  static final long LIMIT = 96L << 20;
  static final String TOO_LARGE = "tar archive too large: more than " + LIMIT
      + " bytes once extracted, the daemon's limit\n";

  @Test
  void six_concurrent_bombs_all_get_the_limit_message() throws Exception {
    byte[] bomb = Tars.gzip().zeros("big", 200L << 20).bytes();
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).tarLimits(new TarLimits(LIMIT, 1000))
        .start()) {
      RawHttp http = new RawHttp(docker.uri());
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<RawHttp.Response>> imports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          imports.add(pool.submit(() -> http.post("/v1.2/images/create?fromSrc=-", "application/x-tar", bomb)));
        }
        for (Future<RawHttp.Response> f : imports) {
          assertThat(f.get().status()).isEqualTo(500);
          assertThat(f.get().text()).isEqualTo(TOO_LARGE);
        }
      } finally {
        pool.shutdownNow();
      }
      RawHttp.Response small = http.post("/v1.2/images/create?fromSrc=-", "application/x-tar",
          Tars.gzip().zeros("small", 1 << 20).bytes());
      assertThat(small.status()).as("the budget is given back").isEqualTo(200);
    }
  }

  @Test
  void the_memory_of_a_refused_bomb_goes_back_to_the_heap() {
    byte[] bomb = Tars.gzip().zeros("big", 200L << 20).bytes();
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).tarLimits(new TarLimits(LIMIT, 1000))
        .start()) {
      RawHttp http = new RawHttp(docker.uri());
      long before = heapAfterGc();
      for (int i = 0; i < 3; i++) {
        assertThat(http.post("/v1.2/images/create?fromSrc=-", "application/x-tar", bomb).text()).isEqualTo(TOO_LARGE);
      }
      long kept = heapAfterGc() - before;
      // loosely: the in-memory file system may keep a few freed blocks for reuse, not the bomb's 96 MiB
      assertThat(kept).as("heap kept after three refused bombs").isLessThan(LIMIT / 3);
    }
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
