package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.engine.VirtualClock;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The README's "Faults and time" example, kept compiling and true. */
class ReadmeExampleTest {

  @Test
  void the_readme_example_runs() throws Exception {
    // --- README: Faults and time ---
    VirtualClock clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
    try (MockDocker docker = MockDocker.builder().clock(clock).start()) {
      // Streamed progress: the second layer of a busybox pull is 50 MB at 100 kB/s and fails at 40%.
      docker.engine().script(TransferMatch.pull("busybox").layer(2),
          TransferScript.builder().size(50_000_000).bytesPerSecond(100_000).failAt(0.4).build());

      // Faults: which exchange, when in it, what happens.
      FaultHandle flaky = docker.faults().on("POST", "/images/create").nth(2).resetConnection();
      docker.faults().on(Match.pull("ubuntu")).atProgress(1, 0.5).error("unexpected EOF");
      docker.faults().on("GET", "/containers/*/json").delay(Duration.ofSeconds(5));
      docker.faults().on("POST", "/containers/*/attach").afterBytes(100).closeAttachEarly();
      FaultHandle stall = docker.faults().add(
          Fault.when(Match.request("POST", "/containers/*/wait")).then(Effect.stall()));

      // Time: advance it, run it fast, or let each sleep jump to its deadline.
      clock.advance(Duration.ofMinutes(10));        // "Up 10 minutes"
      clock.runInstantly();                          // a paced pull finishes at once; the clock shows its length

      // Later: what fired, and cleaning up.
      docker.journal().requests().forEach(r -> System.out.println(r + " " + r.faults()));
      stall.release();
      flaky.remove();
      // --- end ---
      assertThat(docker.faults().active()).hasSize(4);
      assertThat(clock.now()).isEqualTo(Instant.parse("2013-07-01T00:10:00Z"));
    }
  }
}
