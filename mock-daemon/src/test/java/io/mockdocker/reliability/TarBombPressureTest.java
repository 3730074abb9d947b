package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.TarLimits;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.standalone.Main;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.Tars;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  void under_a_512_mib_heap_a_bomb_larger_than_the_heap_gets_the_derived_limit_and_no_out_of_memory()
      throws Exception {
    byte[] bomb = Tars.gzip().zeros("big", 600L << 20).bytes();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--port", "0").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try {
      Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.readLine());
      assertThat(m.matches()).isTrue();
      RawHttp http = new RawHttp(URI.create(m.group(1)));
      long quarter = (512L << 20) / 4; // the JVM reports a little less than -Xmx as its maximum
      RawHttp.Response r = http.post("/v1.2/images/create?fromSrc=-", "application/x-tar", bomb);
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).matches("tar archive too large: more than \\d+ bytes once extracted, the daemon's limit\n");
      long said = Long.parseLong(r.text().replaceAll("\\D+", " ").trim().split(" ")[0]);
      assertThat(said).isLessThanOrEqualTo(quarter).isGreaterThan(quarter / 2);
      assertThat(http.get("/_ping").text()).isEqualTo("OK");
      // what the daemon printed up to the import's own line (a trace would come before it, at the failure)
      StringBuilder printed = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        printed.append(line).append('\n');
        if (line.startsWith("POST /v1.2/images/create?fromSrc=- ")) {
          break;
        }
      }
      assertThat(printed.toString()).contains("POST /v1.2/images/create?fromSrc=- 500")
          .doesNotContain("OutOfMemoryError").doesNotContain("Java heap space");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
