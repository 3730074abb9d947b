package io.mockdocker.internal;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The XNIO worker (I/O thread and accept thread) that the daemons of a JVM share: the first daemon to start creates
 * it, every daemon holds a {@link Lease}, and when the last one closes the worker ends {@link #LINGER_MILLIS} later
 * unless another daemon has taken it by then, so that a JVM with no daemon has no daemon thread left, while a suite
 * that starts a daemon per test (each closed before the next starts) does not make and end a worker per test. Blocking handlers do not run on the worker's task pool but on each daemon's own pool (see
 * {@link HttpServer}), so that closing one daemon interrupts its handlers only. A daemon that needs other I/O
 * settings gets a worker of its own through {@link #own(int)}.
 */
final class SharedWorker {
  /** Looked up once: {@code Xnio.getInstance} walks the class path's service files on every call. */
  private static final Xnio XNIO = Xnio.getInstance(SharedWorker.class.getClassLoader());
  /** Undertow's default buffers for a heap of 128 MiB or more, for every daemon (per-thread caches, no pool). */
  static final ByteBufferPool BUFFERS = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);
  static final int IO_THREADS = 1;
  /** How long the shared worker outlives its last daemon. */
  static final long LINGER_MILLIS = 1000;

  private static XnioWorker shared;
  private static int holders;
  /** When the holders last fell to zero ({@link System#nanoTime()}). */
  private static long idleSince;
  /**
   * Whether a check that ends an idle worker is scheduled: one at a time, so that a suite closing a daemon per test
   * does not queue a timer on the I/O thread (and wake it) per close; a check that finds the worker idle for less
   * than the linger time schedules the next one for the rest of it.
   */
  private static boolean checkPending;

  private SharedWorker() {}

  /** A worker held until {@link #release()}. */
  interface Lease {
    XnioWorker worker();

    /** Gives the worker back; the last holder of the shared worker (or the owner of its own) shuts it down. */
    void release();
  }

  /** A lease on the shared worker, created if no daemon holds it. */
  static synchronized Lease acquire() {
    if (shared == null) {
      shared = create(IO_THREADS);
    }
    holders++;
    XnioWorker worker = shared;
    return new Lease() {
      private boolean released;

      @Override
      public XnioWorker worker() {
        return worker;
      }

      @Override
      public void release() {
        synchronized (SharedWorker.class) {
          if (released) {
            return;
          }
          released = true;
          if (--holders > 0) {
            return;
          }
          idleSince = System.nanoTime();
          if (!checkPending) {
            checkPending = true;
            scheduleCheck(worker, TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
          }
        }
      }
    };
  }

  /** How many daemons hold the shared worker now. */
  static synchronized int holders() {
    return holders;
  }

  /** On the worker's own I/O thread: no timer thread of ours. */
  private static void scheduleCheck(XnioWorker worker, long delayNanos) {
    worker.getIoThread().executeAfter(() -> endIfIdle(worker), delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Ends the worker if it has been idle for the linger time; if it is idle for less, checks again when that time is
   * up (runs on its I/O thread, so it cannot wait for it).
   */
  private static void endIfIdle(XnioWorker worker) {
    synchronized (SharedWorker.class) {
      if (shared != worker) {
        return;
      }
      checkPending = false;
      if (holders > 0) {
        return; // the next release schedules a check
      }
      long left = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS) - (System.nanoTime() - idleSince);
      if (left > 0) {
        checkPending = true;
        scheduleCheck(worker, left);
        return;
      }
      shared = null;
    }
    worker.shutdown();
  }

  /** A worker of its own, with {@code ioThreads} I/O threads, shut down on release. */
  static Lease own(int ioThreads) {
    XnioWorker worker = create(ioThreads);
    return new Lease() {
      @Override
      public XnioWorker worker() {
        return worker;
      }

      @Override
      public void release() {
        shutdown(worker);
      }
    };
  }

  private static void shutdown(XnioWorker worker) {
    worker.shutdownNow();
    try {
      worker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The options Undertow gives a worker it makes itself; its task pool only runs what Undertow itself hands it. */
  private static XnioWorker create(int ioThreads) {
    try {
      return XNIO.createWorker(OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, ioThreads)
          .set(Options.WORKER_TASK_CORE_THREADS, 1)
          .set(Options.WORKER_TASK_MAX_THREADS, 4)
          .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
          .set(Options.CONNECTION_LOW_WATER, 1_000_000)
          .set(Options.TCP_NODELAY, true)
          .set(Options.CORK, true)
          .getMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the daemon's I/O worker", e);
    }
  }
}
