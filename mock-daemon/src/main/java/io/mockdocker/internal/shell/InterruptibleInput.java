package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process's stdin, read on demand by a helper thread so that a reader waiting on it can be interrupted even
 * when the underlying stream blocks uninterruptibly (a socket). The helper reads only when a reader asks, one
 * chunk at a time, so nothing is read ahead; bytes left in a chunk serve the next reader ({@code sh} reading a line
 * and then {@code cat} the rest). After {@link #close()} a read the helper is blocked in may still complete; its
 * bytes are dropped.
 */
final class InterruptibleInput extends InputStream {
  private final InputStream source;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private byte[] buffer = new byte[0];
  private int pos;
  private boolean requested;
  private boolean eof;
  private boolean closed;
  private IOException error;
  private Thread pump;

  InterruptibleInput(InputStream source) {
    this.source = source == null ? InputStream.nullInputStream() : source;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (pos == buffer.length) {
        if (eof || closed) {
          return -1;
        }
        if (error != null) {
          eof = true;
          throw error;
        }
        if (!requested) {
          requested = true;
          startPump();
          changed.signalAll();
        }
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted");
        }
      }
      int n = Math.min(len, buffer.length - pos);
      System.arraycopy(buffer, pos, b, off, n);
      pos += n;
      return n;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int available() {
    lock.lock();
    try {
      return buffer.length - pos;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the helper once it is not blocked in a read; the underlying stream is not closed. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void startPump() {
    if (pump == null) {
      pump = new Thread(this::pumpLoop, "mini-shell-stdin");
      pump.setDaemon(true);
      pump.start();
    }
  }

  private void pumpLoop() {
    byte[] chunk = new byte[8192];
    while (true) {
      lock.lock();
      try {
        while (!requested && !closed) {
          changed.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
      } finally {
        lock.unlock();
      }
      int n;
      IOException failure = null;
      try {
        n = source.read(chunk);
      } catch (IOException e) {
        failure = e;
        n = -1;
      }
      lock.lock();
      try {
        if (failure != null) {
          error = failure;
        } else if (n < 0) {
          eof = true;
        } else {
          buffer = java.util.Arrays.copyOf(chunk, n);
          pos = 0;
        }
        requested = false;
        changed.signalAll();
        if (n < 0 || closed) {
          return;
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
