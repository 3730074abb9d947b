package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attach, subscribed when it is made: an attach to a container that never started waits for its start (clients
 * attach before they start) and follows that run; one to a container that already ran and exited ends at once,
 * after the log replay when {@code logs} is asked for. The two views differ in the rest ({@link Dialect}).
 */
final class StreamAttach implements AttachHandle {
  /** Where the era's attach and a modern one differ. */
  enum Dialect {
    /**
     * v0.4.4: {@code logs} replays the whole stdout log then the whole stderr log; a ghost container is refused once
     * the logs are out; the end of the client's input ends the attach (with {@code StdinOnce} and no TTY it closes
     * the process's stdin and the attach lasts until the process exits instead); an attach with only stdin ends
     * with the run; nothing selected ends at once.
     */
    ERA,
    /**
     * Output keeps its stream identity and the replay is the combined log; the end of the client's input closes
     * the process's stdin (only with {@code StdinOnce}) but not the attach, which lasts until the process exits.
     */
    MODERN
  }

  private final LiveContainer c;
  private final AttachOptions options;
  private final ExecutorService threads;
  private final boolean era;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger open;
  private final ContainerOutput.Listener out;
  private final ContainerOutput.Listener err;
  private final java.util.List<LogEntry> replay;
  private final boolean live;
  private final BytePipe stdinPipe;
  private final boolean stdinOnce;
  /** Era: the attach lasts until the process exits, whatever the client's input does. */
  private final boolean awaitsExit;
  private final ContainerWaiter exit;
  /** Output that arrived before {@link #run} gave a sink; guarded by {@code this}. */
  private final java.util.List<Object[]> early = new java.util.ArrayList<>();
  private StreamSink sink;
  /** Modern, with a TTY: the keys that end the attach ({@code null}: none do) and what to do then. */
  private byte[] detachKeys;
  private Runnable onDetach;
  private volatile boolean detached;

  /** Subscribes at once, so that output of a start that follows is kept for {@link #run}. */
  StreamAttach(LiveContainer c, AttachOptions options, ExecutorService threads, Dialect dialect) {
    this.c = c;
    this.options = options;
    this.threads = threads;
    this.era = dialect == Dialect.ERA;
    this.open = new AtomicInteger((options.stdout() ? 1 : 0) + (options.stderr() ? 1 : 0));
    this.out = listener(StdStream.STDOUT, options.stdout());
    this.err = listener(StdStream.STDERR, options.stderr());
    BytePipe pipe = null;
    synchronized (c) {
      c.requirePresent();
      replay = !options.logs() ? java.util.List.of() : era ? eraReplay(c) : c.log.entries();
      live = options.stream() && (c.state.running() || c.neverStarted());
      if (live) {
        if (options.stdin() && c.config.openStdin()) {
          pipe = c.attachStdin();
        }
        // the era's daemon read stdout even when it was not asked for, and its end closed the client's connection
        boolean drainsStdout = era && pipe != null && !options.stdout() && !options.stderr();
        if (drainsStdout) {
          open.set(1);
        }
        if (options.stdout() || drainsStdout) {
          c.stdout.subscribe(out);
        }
        if (options.stderr()) {
          c.stderr.subscribe(err);
        }
      }
      boolean noTty = !c.config.tty();
      stdinOnce = c.config.stdinOnce() && (noTty || !era);
      awaitsExit = era && c.config.stdinOnce() && noTty;
    }
    this.stdinPipe = pipe;
    this.exit = new ContainerWaiter(c, WaitCondition.NEXT_EXIT);
  }

  /** Lets the client's {@code keys} end the attach when the container has a TTY; {@code then} runs when they do. */
  void detachable(byte[] keys, Runnable then) {
    this.detachKeys = keys;
    this.onDetach = then;
  }

  /** The era's replay: every byte of the stdout log, then every byte of the stderr log. */
  private static java.util.List<LogEntry> eraReplay(LiveContainer c) {
    java.util.List<LogEntry> entries = new java.util.ArrayList<>();
    byte[] stdout = c.stdout.log();
    byte[] stderr = c.stderr.log();
    if (stdout.length > 0) {
      entries.add(new LogEntry(null, StdStream.STDOUT, stdout));
    }
    if (stderr.length > 0) {
      entries.add(new LogEntry(null, StdStream.STDERR, stderr));
    }
    return entries;
  }

  @Override
  public void run(InputStream clientIn, StreamSink target) throws IOException, InterruptedException {
    for (LogEntry e : replay) {
      if (e.stream() == StdStream.STDOUT ? options.stdout() : options.stderr()) {
        target.write(e.stream(), e.bytes());
      }
    }
    if (era && options.stream()) {
      synchronized (c) {
        if (c.state.ghost()) {
          close();
          throw new DockerException("Impossible to attach to a ghost container");
        }
      }
    }
    synchronized (this) {
      for (Object[] pending : early) {
        target.write((StdStream) pending[0], (byte[]) pending[1]);
      }
      early.clear();
      sink = target;
    }
    if (!live) {
      return;
    }
    if (stdinPipe != null) {
      boolean tty;
      synchronized (c) {
        tty = c.config.tty();
      }
      InputStream input = detachKeys == null || !tty ? clientIn : DetachKeys.watch(clientIn, detachKeys, () -> {
        detached = true;
        finished.countDown();
      });
      threads.submit(() -> {
        StdinPump.copy(input, stdinPipe, StdinPump.AtEnd.KEEP_OPEN);
        if (stdinOnce && !detached) {
          stdinPipe.close();
        }
        if (era && !awaitsExit) {
          finished.countDown(); // v0.4.4 ended the attach when the client's input ended
        }
      });
    }
    try {
      if (era) {
        if (open.get() > 0 || stdinPipe != null) {
          finished.await();
        }
        if (awaitsExit) {
          exit.await();
        }
      } else if (open.get() == 0 && !(options.stdout() || options.stderr())) {
        while (!detached && exit.await(java.time.Duration.ofMillis(100)).isEmpty()) {
          // only stdin: the process's exit or the detach keys end it
        }
      } else {
        finished.await();
      }
    } finally {
      close();
    }
    if (detached) {
      onDetach.run();
    }
  }

  @Override
  public void close() {
    c.stdout.unsubscribe(out);
    c.stderr.unsubscribe(err);
  }

  private synchronized void deliver(StdStream stream, byte[] bytes) throws IOException {
    if (sink == null) {
      early.add(new Object[] {stream, bytes});
    } else {
      sink.write(stream, bytes);
    }
  }

  /** A listener that passes on what it hears when {@code delivers}, else drops it. */
  private ContainerOutput.Listener listener(StdStream stream, boolean delivers) {
    return new ContainerOutput.Listener() {
      private boolean closed;

      @Override
      public void write(byte[] bytes) throws IOException {
        if (delivers && bytes.length > 0) {
          deliver(stream, bytes);
        }
      }

      @Override
      public synchronized void closed() {
        if (!closed) {
          closed = true;
          if (open.decrementAndGet() == 0) {
            finished.countDown();
          }
        }
      }
    };
  }
}
