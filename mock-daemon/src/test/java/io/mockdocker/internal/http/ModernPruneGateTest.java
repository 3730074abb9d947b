package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * While a prune runs, the daemon refuses a second prune of the same kind with 409: containers and networks share one
 * gate, images and volumes have their own, the build cache prune has none. The first prune is held on a latch in the
 * engine's test seam.
 */
class ModernPruneGateTest {
  static final String REFUSED = "{\"message\":\"a prune operation is already running\"}\n";
  static final List<String> PRUNES = List.of("/containers/prune", "/networks/prune", "/images/prune",
      "/volumes/prune", "/build/prune");

  MockDocker docker;
  RawHttp http;
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    docker = MockDocker.builder().profile(ApiProfile.modern()).start();
    http = new RawHttp(docker.uri());
    AtomicBoolean first = new AtomicBoolean(true);
    Engines.of(docker).prunes().onEnter(() -> {
      if (first.getAndSet(false)) {
        entered.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }

  @AfterEach
  void stop() {
    release.countDown();
    docker.close();
  }

  @ParameterizedTest(name = "{0} held refuses {1}")
  @CsvSource({
      "/containers/prune, /containers/prune /networks/prune",
      "/networks/prune, /containers/prune /networks/prune",
      "/images/prune, /images/prune",
      "/volumes/prune, /volumes/prune",
  })
  void a_second_prune_of_the_same_gate_is_refused_with_409_while_the_first_runs(String held, String refused)
      throws Exception {
    CompletableFuture<Response> first = CompletableFuture.supplyAsync(
        () -> new RawHttp(docker.uri()).post("/v1.50" + held));
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first prune reached the seam").isTrue();
    List<String> refusedPaths = List.of(refused.split(" "));
    for (String path : PRUNES) {
      Response r = http.post("/v1.50" + path);
      if (refusedPaths.contains(path)) {
        assertThat(r.status()).as(path).isEqualTo(409);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo(REFUSED);
      } else {
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
      }
    }
    assertThat(first).isNotDone();
    release.countDown();
    Response done = first.get(10, TimeUnit.SECONDS);
    assertThat(done.status()).as(done.text()).isEqualTo(200);
    // the gate is given back before the answer is written: the next prune right after it runs
    for (String path : refusedPaths) {
      assertThat(http.post("/v1.50" + path).status()).as(path).isEqualTo(200);
    }
  }
}
