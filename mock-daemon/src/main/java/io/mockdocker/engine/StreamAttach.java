package io.mockdocker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attach for modern clients: output keeps its stream identity; an attach to a container that never started
 * waits for its start (clients attach before they start); the end of the client's input closes the process's
 * stdin (only with {@code StdinOnce}) but not the attach, which lasts until the process exits. An attach to a
 * container that already ran and exited ends at once, after the log replay when {@code logs} is asked for.
 */
final class StreamAttach implements AttachHandle {
  private final LiveContainer c;
  private final AttachOptions options;
  private final ExecutorService threads;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger open;
  private final ContainerOutput.Listener out;
  private final ContainerOutput.Listener err;
  private final java.util.List<LogEntry> replay;
  private final boolean live;
  private final BytePipe stdinPipe;
  private final boolean stdinOnce;
  private final ContainerWaiter exit;
  /** Output that arrived before {@link #run} gave a sink; guarded by {@code this}. */
  private final java.util.List<Object[]> early = new java.util.ArrayList<>();
  private StreamSink sink;

  /** Subscribes at once, so that output of a start that follows is kept for {@link #run}. */
  StreamAttach(LiveContainer c, AttachOptions options, ExecutorService threads) {
    this.c = c;
    this.options = options;
    this.threads = threads;
    this.open = new AtomicInteger((options.stdout() ? 1 : 0) + (options.stderr() ? 1 : 0));
    this.out = listener(StdStream.STDOUT);
    this.err = listener(StdStream.STDERR);
    BytePipe pipe = null;
    synchronized (c) {
      c.requirePresent();
      replay = options.logs() ? c.log.entries() : java.util.List.of();
      boolean neverStarted = c.state.startedAt() == null && !c.state.running();
      live = options.stream() && (c.state.running() || neverStarted);
      if (live) {
        if (options.stdout()) {
          c.stdout.subscribe(out);
        }
        if (options.stderr()) {
          c.stderr.subscribe(err);
        }
        if (options.stdin() && c.config.openStdin()) {
          if (c.state.running()) {
            pipe = c.stdin;
          } else {
            if (c.pendingStdin == null) {
              c.pendingStdin = new BytePipe();
            }
            pipe = c.pendingStdin;
          }
        }
      }
      stdinOnce = c.config.stdinOnce();
    }
    this.stdinPipe = pipe;
    this.exit = new ContainerWaiter(c, WaitCondition.NEXT_EXIT);
  }

  @Override
  public void run(InputStream clientIn, StreamSink target) throws IOException, InterruptedException {
    for (LogEntry e : replay) {
      if (e.stream() == StdStream.STDOUT ? options.stdout() : options.stderr()) {
        target.write(e.stream(), e.bytes());
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
      threads.submit(() -> pump(clientIn, stdinPipe, stdinOnce));
    }
    try {
      if (open.get() == 0 && !(options.stdout() || options.stderr())) {
        exit.await();
      } else {
        finished.await();
      }
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    c.stdout.unsubscribe(out);
    c.stderr.unsubscribe(err);
  }

  private static void pump(InputStream clientIn, BytePipe pipe, boolean stdinOnce) {
    byte[] buf = new byte[32 * 1024];
    try {
      int n;
      while ((n = clientIn.read(buf)) > 0) {
        pipe.output().write(buf, 0, n);
      }
    } catch (IOException e) {
      // the client went away: as EOF
    }
    if (stdinOnce) {
      pipe.close();
    }
  }

  private synchronized void deliver(StdStream stream, byte[] bytes) throws IOException {
    if (sink == null) {
      early.add(new Object[] {stream, bytes});
    } else {
      sink.write(stream, bytes);
    }
  }

  private ContainerOutput.Listener listener(StdStream stream) {
    return new ContainerOutput.Listener() {
      private boolean closed;

      @Override
      public void write(byte[] bytes) throws IOException {
        if (bytes.length > 0) {
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
