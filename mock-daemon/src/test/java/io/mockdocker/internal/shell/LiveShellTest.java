package io.mockdocker.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.LiveStreams.CountingOutput;
import io.mockdocker.internal.shell.LiveStreams.FedInput;
import io.mockdocker.internal.shell.LiveStreams.StuckInput;
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

/** What an attached client sees while the process runs, and a kill (thread interrupt) ending it promptly. */
class LiveShellTest {
  static final long WAIT_MS = 10_000;

  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  /** The shell running on its own thread; {@link #outcome} is its exit code or the exception that ended it. */
  final class Running {
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicReference<Object> outcome = new AtomicReference<>();
    final Thread thread;

    Running(List<String> argv, InputStream in, java.io.OutputStream out, ShellClock clock) {
      thread = new Thread(() -> {
        try {
          outcome.set(new MiniShell().run(argv, f.context(in, out, new ByteArrayOutputStream(), clock)));
        } catch (InterruptedException | RuntimeException e) {
          outcome.set(e);
        } finally {
          done.countDown();
        }
      }, "shell-under-test");
      thread.start();
    }

    Object await() throws InterruptedException {
      assertThat(done.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("shell finished").isTrue();
      return outcome.get();
    }

    Object killAndAwaitWithinOneSecond() throws InterruptedException {
      thread.interrupt();
      assertThat(done.await(1, TimeUnit.SECONDS)).as("ended within a second of the interrupt").isTrue();
      return outcome.get();
    }
  }

  @Test
  void cat_on_stdin_writes_each_chunk_as_it_arrives() throws Exception {
    FedInput in = new FedInput();
    WatchedOutput out = new WatchedOutput();
    Running cat = new Running(List.of("/bin/cat"), in, out, f.clock);
    in.send("hello\n");
    assertThat(out.awaitText("hello\n", WAIT_MS)).isEqualTo("hello\n");
    in.send("world\n");
    assertThat(out.awaitText("hello\nworld\n", WAIT_MS)).isEqualTo("hello\nworld\n");
    in.end();
    assertThat(cat.await()).isEqualTo(0);
  }

  @Test
  void cat_piped_into_cat_still_streams_stdin() throws Exception {
    FedInput in = new FedInput();
    WatchedOutput out = new WatchedOutput();
    Running pipeline = new Running(List.of("sh", "-c", "cat | cat"), in, out, f.clock);
    in.send("one\n");
    assertThat(out.awaitText("one\n", WAIT_MS)).isEqualTo("one\n");
    in.send("two\n");
    assertThat(out.awaitText("one\ntwo\n", WAIT_MS)).isEqualTo("one\ntwo\n");
    in.end();
    assertThat(pipeline.await()).isEqualTo(0);
  }

  @Test
  void sh_reading_stdin_runs_each_line_before_the_next_arrives() throws Exception {
    FedInput in = new FedInput();
    WatchedOutput out = new WatchedOutput();
    Running sh = new Running(List.of("/bin/sh"), in, out, f.clock);
    in.send("echo hello\n");
    assertThat(out.awaitText("hello\n", WAIT_MS)).isEqualTo("hello\n");
    in.send("echo 'split\n");
    in.send("quote'; exit 3\n");
    assertThat(out.awaitText("hello\nsplit\nquote\n", WAIT_MS)).isEqualTo("hello\nsplit\nquote\n");
    assertThat(sh.await()).isEqualTo(3);
  }

  @Test
  void an_interrupt_ends_a_real_sleep_promptly() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    ShellClock real = new ShellClock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public ZoneId zone() {
        return ZoneId.of("UTC");
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        sleeping.countDown();
        io.mockdocker.Clock.system().sleep(duration);
      }
    };
    Running sleep = new Running(List.of("sh", "-c", "echo start; sleep 100; echo never"),
        InputStream.nullInputStream(), new WatchedOutput(), real);
    assertThat(sleeping.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(sleep.killAndAwaitWithinOneSecond()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void an_interrupt_ends_cat_waiting_on_an_stdin_that_ignores_interrupts() throws Exception {
    StuckInput in = new StuckInput();
    try {
      Running cat = new Running(List.of("cat"), in, new WatchedOutput(), f.clock);
      assertThat(in.reading.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
      assertThat(cat.killAndAwaitWithinOneSecond()).isInstanceOf(InterruptedException.class);
    } finally {
      in.release();
    }
  }

  @Test
  void an_interrupt_ends_every_stage_of_a_pipeline() throws Exception {
    StuckInput in = new StuckInput();
    try {
      Running pipeline = new Running(List.of("sh", "-c", "cat | cat | cat"), in, new WatchedOutput(), f.clock);
      assertThat(in.reading.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
      assertThat(pipeline.killAndAwaitWithinOneSecond()).isInstanceOf(InterruptedException.class);
    } finally {
      in.release();
    }
  }

  @Test
  void an_interrupt_ends_cat_of_dev_zero() throws Exception {
    CountingOutput out = new CountingOutput();
    Running cat = new Running(List.of("cat", "/dev/zero"), InputStream.nullInputStream(), out, f.clock);
    assertThat(out.written.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(cat.killAndAwaitWithinOneSecond()).isInstanceOf(InterruptedException.class);
  }
}
