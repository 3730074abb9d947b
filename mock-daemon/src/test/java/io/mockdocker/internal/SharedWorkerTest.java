package io.mockdocker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xnio.XnioWorker;

class SharedWorkerTest {
  @Test
  void a_worker_given_back_is_taken_again_by_the_next_daemon() {
    SharedWorker.Lease first = SharedWorker.acquire();
    XnioWorker worker = first.worker();
    first.release();
    SharedWorker.Lease second = SharedWorker.acquire();
    try {
      assertThat(second.worker()).isSameAs(worker);
      assertThat(worker.isShutdown()).isFalse();
    } finally {
      second.release();
    }
  }

  @Test
  void the_worker_ends_a_linger_time_after_the_last_of_many_leases_is_given_back() {
    assumeTrue(SharedWorker.holders() == 0, "another daemon of this JVM holds the shared worker");
    XnioWorker worker = null;
    for (int i = 0; i < 500; i++) {
      SharedWorker.Lease lease = SharedWorker.acquire();
      worker = lease.worker();
      lease.release();
    }
    long lastRelease = System.nanoTime();
    XnioWorker ended = worker;
    await().atMost(Duration.ofSeconds(10)).until(ended::isShutdown);
    assertThat(Duration.ofNanos(System.nanoTime() - lastRelease))
        .isGreaterThanOrEqualTo(Duration.ofMillis(SharedWorker.LINGER_MILLIS));
    SharedWorker.Lease next = SharedWorker.acquire();
    try {
      assertThat(next.worker()).isNotSameAs(ended);
      assertThat(next.worker().isShutdown()).isFalse();
    } finally {
      next.release();
    }
  }

  @Test
  void a_worker_held_again_before_its_check_outlives_that_check() {
    assumeTrue(SharedWorker.holders() == 0, "another daemon of this JVM holds the shared worker");
    SharedWorker.Lease first = SharedWorker.acquire();
    XnioWorker worker = first.worker();
    first.release(); // schedules the check a linger time from now
    SharedWorker.Lease held = SharedWorker.acquire();
    long heldSince = System.nanoTime();
    try {
      // the check scheduled by the first release runs while the worker is held, and must leave it alone
      await().pollDelay(Duration.ofMillis(SharedWorker.LINGER_MILLIS + 200)).atMost(Duration.ofSeconds(5))
          .until(() -> System.nanoTime() - heldSince > (SharedWorker.LINGER_MILLIS + 200) * 1_000_000L);
      assertThat(worker.isShutdown()).isFalse();
    } finally {
      held.release();
    }
    await().atMost(Duration.ofSeconds(10)).until(worker::isShutdown);
  }
}
