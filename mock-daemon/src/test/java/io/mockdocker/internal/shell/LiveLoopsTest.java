package io.mockdocker.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.VirtualClock;
import io.mockdocker.internal.shell.LiveStreams.CountingOutput;
import io.mockdocker.internal.shell.LiveStreams.WatchedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loops against the clock, kills and signals: what a long-running container script does while it runs. */
class LiveLoopsTest {
  static final long WAIT_MS = 10_000;
  static final String HELLO = "while true; do echo hello world; sleep 1; done";

  final ShellFixture f = new ShellFixture();
  final VirtualClock virtual = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
  final ShellClock clock = new ShellClock() {
    @Override
    public Instant now() {
      return virtual.now();
    }

    @Override
    public ZoneId zone() {
      return virtual.zone();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      virtual.sleep(duration);
    }
  };
  final ProcessSignals signals = new ProcessSignals();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  /** {@code sh -c script} on its own thread, with signals bound to it. */
  final class Running {
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicReference<Object> outcome = new AtomicReference<>();
    final Thread thread;

    Running(String script, java.io.OutputStream out) {
      thread = new Thread(() -> {
        try {
          ShellContext ctx = new ShellContext(f.root, f.env, f.hostname, "", InputStream.nullInputStream(), out,
              new ByteArrayOutputStream(), clock, FsRoot.of(f.root), signals);
          outcome.set(new MiniShell().run(List.of("/bin/sh", "-c", script), ctx));
        } catch (InterruptedException | RuntimeException e) {
          outcome.set(e);
        } finally {
          done.countDown();
        }
      }, "loop-under-test");
      signals.bind(thread);
      thread.start();
    }

    Object awaitEnd() throws InterruptedException {
      assertThat(done.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("ended").isTrue();
      return outcome.get();
    }
  }

  @Test
  void the_hello_world_loop_prints_a_line_per_second_of_the_clock() throws Exception {
    WatchedOutput out = new WatchedOutput();
    Running loop = new Running(HELLO, out);
    String expected = "hello world\n";
    for (int second = 0; second < 3; second++) {
      assertThat(out.awaitText(expected, WAIT_MS)).isEqualTo(expected);
      virtual.awaitSleepers(1, Duration.ofMillis(WAIT_MS));
      assertThat(out.text()).isEqualTo(expected);
      virtual.advance(Duration.ofSeconds(1));
      expected += "hello world\n";
    }
    assertThat(out.awaitText(expected, WAIT_MS)).isEqualTo(expected);
    signals.send(Signals.KILL);
    assertThat(loop.awaitEnd()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a_long_advance_lets_the_loop_catch_up_one_iteration_per_second() throws Exception {
    WatchedOutput out = new WatchedOutput();
    Running loop = new Running("i=0; while true; do i=$((i+1)); echo $i; sleep 1; done", out);
    assertThat(out.awaitText("1\n", WAIT_MS)).isEqualTo("1\n");
    virtual.awaitSleepers(1, Duration.ofMillis(WAIT_MS));
    virtual.advance(Duration.ofMinutes(10));
    StringBuilder expected = new StringBuilder();
    for (int k = 1; k <= 601; k++) {
      expected.append(k).append('\n');
    }
    assertThat(out.awaitText(expected.toString(), WAIT_MS)).isEqualTo(expected.toString());
    virtual.awaitSleepers(1, Duration.ofMillis(WAIT_MS));
    assertThat(out.text()).isEqualTo(expected.toString()); // and then it waits for the clock again
    virtual.advance(Duration.ofMillis(999));
    assertThat(out.text()).isEqualTo(expected.toString());
    signals.send(Signals.KILL);
    assertThat(loop.awaitEnd()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a_busy_loop_without_sleeps_still_ends_when_killed() throws Exception {
    CountingOutput out = new CountingOutput();
    Running loop = new Running("echo started; while true; do :; done", out);
    assertThat(out.written.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
    loop.thread.interrupt();
    assertThat(loop.done.await(1, TimeUnit.SECONDS)).as("ended within a second of the kill").isTrue();
    assertThat(loop.outcome.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a_trap_runs_between_iterations_and_its_exit_ends_the_loop() throws Exception {
    WatchedOutput out = new WatchedOutput();
    Running loop = new Running("trap 'echo got term; exit 3' TERM; echo ready; while true; do :; done", out);
    assertThat(out.awaitText("ready\n", WAIT_MS)).isEqualTo("ready\n");
    signals.send(Signals.TERM);
    assertThat(loop.awaitEnd()).isEqualTo(3);
    assertThat(out.text()).isEqualTo("ready\ngot term\n");
  }

  @Test
  void a_trap_that_does_not_exit_lets_the_loop_go_on() throws Exception {
    WatchedOutput out = new WatchedOutput();
    Running loop = new Running("trap 'echo usr1' USR1; for i in 1 2; do sleep 5; echo slept $i; done", out);
    virtual.awaitSleepers(1, Duration.ofMillis(WAIT_MS));
    signals.send(10);
    assertThat(out.awaitText("usr1\nslept 1\n", WAIT_MS)).isEqualTo("usr1\nslept 1\n");
    virtual.awaitSleepers(1, Duration.ofMillis(WAIT_MS));
    virtual.advance(Duration.ofSeconds(5));
    assertThat(loop.awaitEnd()).isEqualTo(0);
    assertThat(out.text()).isEqualTo("usr1\nslept 1\nslept 2\n");
  }
}
