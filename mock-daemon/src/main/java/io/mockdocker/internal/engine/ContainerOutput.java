package io.mockdocker.internal.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One output stream of a container (stdout or stderr): every byte is appended to its log, kept over all runs (what
 * {@code attach?logs=1} replays), and copied to the attached listeners; the listeners are told when the process
 * ends (the daemon closed its broadcaster's writers).
 */
final class ContainerOutput {
  /** An attached reader of live output. */
  interface Listener {
    void write(byte[] bytes) throws IOException;

    void closed();
  }

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ContainerLog combined;
  private final StdStream stream;

  /** A stream that also appends to the container's combined log as {@code stream}. */
  ContainerOutput(ContainerLog combined, StdStream stream) {
    this.combined = combined;
    this.stream = stream;
  }

  /** The stream a process writes to; {@code tty} turns {@code \n} into {@code \r\n}, as a pty did. */
  OutputStream stream(boolean tty) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        byte[] bytes = new byte[len];
        System.arraycopy(b, off, bytes, 0, len);
        publish(tty ? crlf(bytes) : bytes);
      }
    };
  }

  synchronized void publish(byte[] bytes) {
    log.writeBytes(bytes);
    combined.append(stream, bytes);
    for (Listener l : listeners) {
      try {
        l.write(bytes);
      } catch (IOException | RuntimeException e) {
        listeners.remove(l);
        l.closed();
      }
    }
  }

  synchronized byte[] log() {
    return log.toByteArray();
  }

  synchronized void subscribe(Listener listener) {
    listeners.add(listener);
  }

  void unsubscribe(Listener listener) {
    listeners.remove(listener);
  }

  /** The process ended: every listener is told, then forgotten. */
  synchronized void closeListeners() {
    List<Listener> all = new ArrayList<>(listeners);
    listeners.clear();
    all.forEach(Listener::closed);
  }

  private static byte[] crlf(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
    for (byte b : bytes) {
      if (b == '\n') {
        out.write('\r');
      }
      out.write(b);
    }
    return out.toByteArray();
  }
}
