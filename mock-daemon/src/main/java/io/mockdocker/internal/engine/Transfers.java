package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.faults.Effect;
import io.mockdocker.script.TransferScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Byte transfers with the daemon's progress reporting (paced by transfer scripts and request hooks), and tar extraction with the daemon's error texts. */
final class Transfers {
  private final Clock clock;
  private final TransferScripts scripts;
  private final CountDownLatch closed = new CountDownLatch(1);

  Transfers(Clock clock, TransferScripts scripts) {
    this.clock = clock;
    this.scripts = scripts;
  }

  /** Releases the transfers a script stopped: they wait for the engine to close. */
  void close() {
    closed.countDown();
  }

  /**
   * Reads {@code content} through a progress reader, as the engine's script for this transfer and the request's
   * hook say: padded to the scripted size, in the scripted chunks, paced on the engine's clock, stopping exactly at
   * each event and mark. An update goes out whenever the cadence says so, one more at the end, then the
   * end-of-transfer marker; a scripted failure ends the same way before it throws. Returns the bytes read.
   *
   * @param declared the total the progress text shows when the script keeps the content's size
   */
  byte[] withProgress(Transfer transfer, byte[] content, long declared, String action,
      ProgressSink sink) {
    TransferScript script = scripts.find(transfer);
    byte[] bytes = script.size() > content.length ? Arrays.copyOf(content, Math.toIntExact(script.size())) : content;
    long total = bytes == content ? declared : bytes.length;
    Transfer t = transfer.withSize(bytes.length);
    TransferHook hook = sink.hook();
    List<Mark> marks = marks(script, hook, t);
    ProgressCadence cadence = new ProgressCadence(total);
    Pacer pacer = new Pacer(clock, script.bytesPerSecond());
    long pos = 0;
    int next = 0;
    try {
      while (true) {
        while (next < marks.size() && marks.get(next).offset() <= pos) {
          Mark mark = marks.get(next++);
          try {
            apply(mark, hook, t);
          } catch (DockerException e) {
            sink.progress(action, cadence.text(sink.sizes()));
            sink.layerProgress(t.image(), pos, total);
            sink.endOfTransfer();
            throw e;
          }
        }
        if (pos >= bytes.length) {
          break;
        }
        long stop = Math.min(bytes.length, pos + script.chunkSize());
        if (next < marks.size()) {
          stop = Math.min(stop, marks.get(next).offset());
        }
        long n = stop - pos;
        pacer.read(n);
        if (cadence.onRead(n) && sink != ProgressSink.NONE) { // a silent pull (a daemon's fixtures) has no text
          sink.progress(action, cadence.text(sink.sizes()));
          sink.layerProgress(t.image(), stop, total);
        }
        pos = stop;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionDropped(t + " interrupted");
    }
    if (sink != ProgressSink.NONE) {
      sink.progress(action, cadence.text(sink.sizes()));
      sink.layerProgress(t.image(), pos, total);
    }
    sink.endOfTransfer();
    return bytes;
  }

  /** One build step: its script's events all apply before the step runs (a step has no bytes). */
  void step(Transfer transfer) {
    TransferScript script = scripts.find(transfer);
    try {
      for (TransferScript.Event e : script.events()) {
        apply(new Mark(0, e, Double.NaN), TransferHook.NONE, transfer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionDropped(transfer + " interrupted");
    }
  }

  /** The script's events and the hook's marks, by offset; at one offset the script's events come first. */
  private static List<Mark> marks(TransferScript script, TransferHook hook, Transfer t) {
    List<Mark> marks = new ArrayList<>();
    for (TransferScript.Event e : script.events()) {
      marks.add(new Mark(TransferScript.offset(e.at(), t.size()), e, Double.NaN));
    }
    for (double at : hook.marks(t)) {
      if (!(at >= 0 && at <= 1)) {
        throw new IllegalArgumentException("a mark is a fraction from 0 to 1: " + at);
      }
      marks.add(new Mark(TransferScript.offset(at, t.size()), null, at));
    }
    marks.sort(Comparator.comparingLong(Mark::offset));
    return marks;
  }

  /** A script event or a hook mark at a byte offset. */
  private record Mark(long offset, TransferScript.Event event, double hookMark) {}

  private void apply(Mark mark, TransferHook hook, Transfer t) throws InterruptedException {
    TransferScript.Event event = mark.event();
    long offset = mark.offset();
    if (event == null) {
      hook.reached(t, mark.hookMark());
      return;
    }
    if (event.effect() instanceof Effect.Delay p) {
      clock.sleep(p.min());
    } else if (event.effect() instanceof Effect.Stall) {
      closed.await();
      throw new ConnectionDropped(t + " stopped at " + offset + " bytes, then the daemon closed");
    } else if (event.effect() instanceof Effect.DockerError f) {
      throw new DockerException(f.message());
    } else if (event.effect() instanceof Effect.Reset) {
      throw new ConnectionDropped(t + " dropped at " + offset + " bytes");
    }
  }

  /** Paces reads at a rate on a clock, without drift: after n bytes in all, n / rate seconds have passed. */
  private static final class Pacer {
    private final Clock clock;
    private final long bytesPerSecond;
    private long read;

    Pacer(Clock clock, long bytesPerSecond) {
      this.clock = clock;
      this.bytesPerSecond = bytesPerSecond;
    }

    void read(long n) throws InterruptedException {
      if (bytesPerSecond <= 0) {
        return;
      }
      long before = nanosFor(read);
      read += n;
      clock.sleep(Duration.ofNanos(nanosFor(read) - before));
    }

    private long nanosFor(long bytes) {
      return java.math.BigInteger.valueOf(bytes).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
          .divide(java.math.BigInteger.valueOf(bytesPerSecond)).longValueExact();
    }
  }

  static byte[] readAll(InputStream in) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new DockerException("unexpected EOF", e);
    }
  }

  /**
   * Extracts a tarball (plain, gzip, bzip2 or xz) into {@code dir}. Fails as the daemon's Untar did: {@code EOF} when
   * fewer than 10 bytes arrive (its Peek), else the text GNU tar printed; an archive over {@code limits} with the
   * limit's own text.
   */
  static void untar(byte[] archive, Path dir, TarBudget limits) {
    if (archive.length < 10) {
      throw new DockerException("EOF");
    }
    try {
      Layers.extractTar(new ByteArrayInputStream(archive), dir, limits);
    } catch (TarExtraction.TarLimitException e) {
      throw new DockerException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new DockerException(untarError(e.getMessage()), e);
    }
  }

  /** The text the daemon returned when GNU tar failed: {@code exit status 2: <tar's stderr>}. */
  static String untarError(String message) {
    String m = String.valueOf(message);
    if (m.contains(Layers.UNEXPECTED_EOF)) {
      return "exit status 2: tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n";
    }
    if (m.startsWith("Invalid tar entry") || m.startsWith("Corrupt")) {
      return "exit status 2: tar: " + m + "\ntar: Exiting with failure status due to previous errors\n";
    }
    return "exit status 2: tar: This does not look like a tar archive\n"
        + "tar: Exiting with failure status due to previous errors\n";
  }
}
