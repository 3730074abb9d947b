package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory pipe between two pipeline stages running on different threads. Both ends block interruptibly
 * (an interrupt surfaces as {@link InterruptedIOException}); a write after the reader closed throws
 * {@link BrokenPipeException}; a read after the writer closed and the buffer drained returns end of file.
 */
final class Pipe {
  private static final int CAPACITY = 64 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final byte[] ring = new byte[CAPACITY];
  private int head;
  private int count;
  private boolean writerClosed;
  private boolean readerClosed;

  private final InputStream source = new InputStream() {
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
        while (count == 0) {
          if (writerClosed || readerClosed) {
            return -1;
          }
          await();
        }
        int n = Math.min(len, count);
        for (int k = 0; k < n; k++) {
          b[off + k] = ring[(head + k) % CAPACITY];
        }
        head = (head + n) % CAPACITY;
        count -= n;
        changed.signalAll();
        return n;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return count;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        readerClosed = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  };

  private final OutputStream sink = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      lock.lock();
      try {
        int done = 0;
        while (done < len) {
          if (readerClosed) {
            throw new BrokenPipeException();
          }
          if (writerClosed) {
            throw new IOException("Bad file descriptor");
          }
          if (count == CAPACITY) {
            await();
            continue;
          }
          int n = Math.min(len - done, CAPACITY - count);
          for (int k = 0; k < n; k++) {
            ring[(head + count + k) % CAPACITY] = b[off + done + k];
          }
          count += n;
          done += n;
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        writerClosed = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  };

  private void await() throws InterruptedIOException {
    try {
      changed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  /** The read end. */
  InputStream source() {
    return source;
  }

  /** The write end. */
  OutputStream sink() {
    return sink;
  }
}
