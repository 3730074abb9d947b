package io.mockdocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DaemonWaitsTest {
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.clock(RequestJournalTest.fixedClock()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  @Test
  void requests_returns_once_enough_matching_requests_were_answered() {
    CompletableFuture<?> pulls = CompletableFuture.runAsync(() -> {
      http.post("/v1.2/images/create?fromImage=busybox");
      http.post("/v1.2/images/create?fromImage=ubuntu&tag=12.04");
    });
    assertThat(docker.await().requests(2, "POST", "/images/create")).map(RecordedRequest::query)
        .containsExactly("fromImage=busybox", "fromImage=ubuntu&tag=12.04");
    pulls.join();
  }

  @Test
  void pulled_returns_the_image_once_the_name_resolves() {
    CompletableFuture<?> pull = CompletableFuture.runAsync(() -> http.post("/v1.2/images/create?fromImage=busybox"));
    assertThat(docker.await().pulled("busybox:latest").id())
        .isEqualTo(docker.registry().tags("busybox").orElseThrow().get("latest"));
    pull.join();
  }

  @Test
  void a_timed_out_wait_says_what_it_saw_and_shows_the_journal() {
    http.get("/v1.2/version");
    assertThatThrownBy(() -> docker.await().atMost(Duration.ofMillis(50)).requests(1, "DELETE", "/images/*"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after 50ms waiting for 1 × DELETE /images/*; saw 0 matching\n"
            + "request journal (1 requests)\n  12:00:01.250 GET /v1.2/version 200 ");
  }

  @Test
  void a_timed_out_pull_wait_lists_the_local_repositories() {
    assertThatThrownBy(() -> docker.await().atMost(Duration.ofMillis(50)).pulled("busybox"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after 50ms waiting for image busybox pulled; saw no image busybox; local: [base]\n"
            + "request journal (0 requests)");
  }

  @Test
  void a_wait_without_a_positive_timeout_is_refused() {
    assertThatThrownBy(() -> docker.await().atMost(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
  }
}
