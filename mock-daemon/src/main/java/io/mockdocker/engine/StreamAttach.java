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
final class StreamAttach {
  private final LiveContainer c;
  private final AttachOptions options;
  private final InputStream clientIn;
  private final StreamSink sink;
  private final ExecutorService threads;

  StreamAttach(LiveContainer c, AttachOptions options, InputStream clientIn, StreamSink sink,
      ExecutorService threads) {
    this.c = c;
    this.options = options;
    this.clientIn = clientIn;
    this.sink = sink;
    this.threads = threads;
  }

  void run() throws IOException, InterruptedException {
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger open = new AtomicInteger((options.stdout() ? 1 : 0) + (options.stderr() ? 1 : 0));
    ContainerOutput.Listener out = listener(StdStream.STDOUT, open, finished);
    ContainerOutput.Listener err = listener(StdStream.STDERR, open, finished);
    BytePipe stdinPipe = null;
    boolean stdinOnce;
    boolean live;
    java.util.List<LogEntry> replay = java.util.List.of();
    synchronized (c) {
      c.requirePresent();
      if (options.logs()) {
        replay = c.log.entries();
      }
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
            stdinPipe = c.stdin;
          } else {
            if (c.pendingStdin == null) {
              c.pendingStdin = new BytePipe();
            }
            stdinPipe = c.pendingStdin;
          }
        }
      }
      stdinOnce = c.config.stdinOnce();
    }
    for (LogEntry e : replay) {
      if (e.stream() == StdStream.STDOUT ? options.stdout() : options.stderr()) {
        sink.write(e.stream(), e.bytes());
      }
    }
    if (!live) {
      return;
    }
    ContainerWaiter exit = new ContainerWaiter(c, WaitCondition.NEXT_EXIT);
    if (stdinPipe != null) {
      BytePipe pipe = stdinPipe;
      threads.submit(() -> pump(pipe, stdinOnce));
    }
    try {
      if (open.get() == 0) {
        exit.await();
      } else {
        finished.await();
      }
    } finally {
      c.stdout.unsubscribe(out);
      c.stderr.unsubscribe(err);
    }
  }

  private void pump(BytePipe pipe, boolean stdinOnce) {
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

  private ContainerOutput.Listener listener(StdStream stream, AtomicInteger open, CountDownLatch finished) {
    return new ContainerOutput.Listener() {
      private boolean closed;

      @Override
      public void write(byte[] bytes) throws IOException {
        if (bytes.length > 0) {
          sink.write(stream, bytes);
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
