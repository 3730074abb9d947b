package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * A pipe for a simulated process's stdin: any thread may write, the process reads; closing the write side gives the
 * reader EOF. Unlike {@code PipedInputStream} it does not care which threads come and go. Reads block interruptibly.
 */
public final class BytePipe {
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private byte[] current;
  private int offset;
  private boolean closed;

  private final InputStream in = new InputStream() {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      synchronized (BytePipe.this) {
        while (current == null || offset == current.length) {
          current = chunks.poll();
          offset = 0;
          if (current != null) {
            break;
          }
          if (closed) {
            return -1;
          }
          try {
            BytePipe.this.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
          }
        }
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, b, off, n);
        offset += n;
        return n;
      }
    }

    @Override
    public int available() {
      synchronized (BytePipe.this) {
        return current == null ? 0 : current.length - offset;
      }
    }
  };

  private final OutputStream out = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      synchronized (BytePipe.this) {
        if (closed) {
          throw new IOException("write on closed pipe");
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        chunks.add(copy);
        BytePipe.this.notifyAll();
      }
    }

    @Override
    public void close() {
      BytePipe.this.close();
    }
  };

  /** The read side: blocks until bytes come or the pipe is closed. */
  public InputStream input() {
    return in;
  }

  /** The write side, for any thread; closing it gives the reader EOF. */
  public OutputStream output() {
    return out;
  }

  /** Closes the pipe: the reader gets what is buffered, then EOF. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
