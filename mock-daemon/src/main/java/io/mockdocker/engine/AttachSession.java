package io.mockdocker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

/**
 * One attach, as v0.4.4's ContainerAttach: the stored stdout log then the stored stderr log, then (with
 * {@code stream}) live output until the process exits, with the client's bytes going to the process's stdin. Output
 * is raw and unframed; both streams share the connection.
 */
final class AttachSession {
  private final LiveContainer c;
  private final AttachOptions options;
  private final InputStream clientIn;
  private final OutputStream clientOut;
  private final ExecutorService threads;

  AttachSession(LiveContainer c, AttachOptions options, InputStream clientIn, OutputStream clientOut,
      ExecutorService threads) {
    this.c = c;
    this.options = options;
    this.clientIn = clientIn;
    this.clientOut = clientOut;
    this.threads = threads;
  }

  void run() throws IOException, InterruptedException {
    if (options.logs()) {
      if (options.stdout()) {
        write(c.stdout.log());
      }
      if (options.stderr()) {
        write(c.stderr.log());
      }
    }
    if (!options.stream()) {
      return;
    }
    synchronized (c) {
      if (c.state.ghost()) {
        throw new DockerException("Impossible to attach to a ghost container");
      }
    }
    int jobs = (options.stdout() ? 1 : 0) + (options.stderr() ? 1 : 0);
    CountDownLatch finished = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger openOutputs = new java.util.concurrent.atomic.AtomicInteger(jobs);
    ContainerOutput.Listener out = listener(openOutputs, finished);
    ContainerOutput.Listener err = listener(openOutputs, finished);
    BytePipe stdinPipe;
    boolean stdinOnce;
    CountDownLatch exited;
    synchronized (c) {
      if (!c.state.running()) {
        return; // the real daemon hung here until the next run; the mock closes
      }
      if (options.stdout()) {
        c.stdout.subscribe(out);
      }
      if (options.stderr()) {
        c.stderr.subscribe(err);
      }
      stdinPipe = options.stdin() && c.config.openStdin() ? c.stdin : null;
      stdinOnce = c.config.stdinOnce() && !c.config.tty();
      exited = c.exited;
    }
    if (stdinPipe != null) {
      threads.submit(() -> {
        pump(stdinPipe);
        if (!stdinOnce) {
          finished.countDown(); // v0.4.4 ended the attach when the client's stdin ended
        }
      });
    } else if (jobs == 0) {
      finished.countDown();
    }
    try {
      finished.await();
      if (stdinOnce) {
        exited.await();
      }
    } finally {
      c.stdout.unsubscribe(out);
      c.stderr.unsubscribe(err);
    }
  }

  private void pump(BytePipe stdinPipe) {
    byte[] buf = new byte[32 * 1024];
    try {
      int n;
      while ((n = clientIn.read(buf)) > 0) {
        stdinPipe.output().write(buf, 0, n);
      }
    } catch (IOException e) {
      // the client went away: as EOF
    }
    synchronized (c) {
      if (c.config.stdinOnce() && !c.config.tty() && c.stdin == stdinPipe) {
        stdinPipe.close();
      }
    }
  }

  private ContainerOutput.Listener listener(java.util.concurrent.atomic.AtomicInteger open,
      CountDownLatch finished) {
    return new ContainerOutput.Listener() {
      private boolean closed;

      @Override
      public void write(byte[] bytes) throws IOException {
        AttachSession.this.write(bytes);
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

  private void write(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return;
    }
    synchronized (clientOut) {
      clientOut.write(bytes);
      clientOut.flush();
    }
  }
}
