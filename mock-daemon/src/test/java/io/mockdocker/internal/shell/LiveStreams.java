package io.mockdocker.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** Streams for attach-like tests: an stdin fed piece by piece, an stdout one can wait on. */
final class LiveStreams {
  private LiveStreams() {}

  /** An stdin that blocks until the test sends bytes; {@link #end()} is end of file. */
  static final class FedInput extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;

    void send(String text) {
      chunks.add(text.getBytes(StandardCharsets.UTF_8));
    }

    void end() {
      chunks.add(EOF);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == current.length) {
        if (current == EOF) {
          return -1;
        }
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
        pos = 0;
        if (current == EOF) {
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** An stdin whose read blocks, ignoring interrupts, until {@link #release()}: like a socket. */
  static final class StuckInput extends InputStream {
    final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    void release() {
      released.countDown();
    }

    @Override
    public int read() {
      reading.countDown();
      boolean interrupted = false;
      while (true) {
        try {
          released.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return read();
    }
  }

  /** An stdout that records what was written and lets a test wait for some text to arrive. */
  static final class WatchedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits (at most {@code timeoutMillis}) until the output is exactly {@code expected}; returns what it is. */
    synchronized String awaitText(String expected, long timeoutMillis) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
      while (!text().equals(expected)) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        wait(left);
      }
      return text();
    }
  }

  /** An stdout that throws bytes away and signals the first write. */
  static final class CountingOutput extends OutputStream {
    final CountDownLatch written = new CountDownLatch(1);

    @Override
    public void write(int b) {
      written.countDown();
    }

    @Override
    public void write(byte[] b, int off, int len) {
      written.countDown();
    }
  }
}
