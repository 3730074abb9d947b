package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.MiniShell;
import io.mockdocker.script.ScriptHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Exec instances: a command run inside a running container's root file system by the built-in shell (or a
 * matching process script), with its own streams. Ended when the container's process ends. Thread-safe.
 */
final class Execs {
  private final Ids ids;
  private final Pids pids;
  private final Clock clock;
  private final Events events;
  private final ProcessScripts scripts;
  private final ExecutorService threads;
  private final Map<String, Exec> execs = new ConcurrentHashMap<>();
  /** What an exec's process sees of its container; set once by the runtime. */
  private volatile ContainerViews views;

  /** One exec instance; fields guarded by its monitor. */
  private static final class Exec {
    final String id;
    final LiveContainer container;
    final ExecConfig config;
    boolean started;
    boolean running;
    Integer exitCode;
    int pid;
    java.time.Instant startedAt;
    Thread thread;

    Exec(String id, LiveContainer container, ExecConfig config) {
      this.id = id;
      this.container = container;
      this.config = config;
    }

    synchronized ExecInstance snapshot() {
      return new ExecInstance(id, container.id, running, exitCode, pid, config);
    }
  }

  Execs(Ids ids, Pids pids, Clock clock, Events events, ProcessScripts scripts, ExecutorService threads) {
    this.ids = ids;
    this.pids = pids;
    this.clock = clock;
    this.events = events;
    this.scripts = scripts;
    this.threads = threads;
  }

  /** Creates an exec instance on {@code c}, found by {@code given} (the paused refusal names it so). */
  String create(LiveContainer c, String given, ExecConfig config) {
    synchronized (c) {
      c.requirePresent();
      if (c.state.restarting()) {
        throw new DockerException("Container " + c.id + " is restarting, wait until the container is running");
      }
      if (!c.state.running()) {
        throw new DockerException("container " + c.id + " is not running");
      }
      if (c.state.paused()) {
        throw new DockerException(pausedText(given));
      }
    }
    if (config.cmd().isEmpty()) {
      throw new DockerException("No exec command specified");
    }
    String id = ids.next();
    execs.put(id, new Exec(id, c, config));
    synchronized (c) {
      c.execIds.add(id);
    }
    events.emit("container", "exec_create: " + action(config.cmd()), c.id, attributes(c, id));
    return id;
  }

  /** The command as the exec events name it: the program, a space, the arguments joined by spaces. */
  private static String action(List<String> cmd) {
    return cmd.get(0) + " " + String.join(" ", cmd.subList(1, cmd.size()));
  }

  /**
   * Runs a health check's command in {@code c} as an exec the daemon made itself: with its exec_create, exec_start
   * and exec_die events, but not kept for exec inspect. Stdout and stderr go to {@code output}. Returns the exit
   * code; a command that cannot start is thrown with the runtime's text.
   */
  int probe(LiveContainer c, ExecConfig config, OutputStream output) throws InterruptedException {
    String id = ids.next();
    Exec e = new Exec(id, c, config);
    events.emit("container", "exec_create: " + action(config.cmd()), c.id, attributes(c, id));
    synchronized (e) {
      e.started = true;
      e.running = true;
      e.pid = pids.next();
    }
    events.emit("container", "exec_start: " + action(config.cmd()), c.id, attributes(c, id));
    if (scripts.find(config.cmd(), c) == null && !MiniShell.knows(config.cmd().get(0))) {
      throw new DockerException(notFound(config.cmd().get(0)));
    }
    run(e, null, (stream, bytes) -> output.write(bytes), null);
    synchronized (e) {
      return e.exitCode;
    }
  }

  private static String notFound(String program) {
    return runtimeText("exec: \"" + program + "\": executable file not found in $PATH") + ": unknown";
  }

  private static String pausedText(String container) {
    return "Container " + container + " is paused, unpause the container before exec";
  }

  ExecInstance inspect(String id) {
    return get(id).snapshot();
  }

  private Exec get(String id) {
    Exec e = execs.get(id);
    if (e == null) {
      throw new DockerException("No such exec instance: " + id);
    }
    return e;
  }

  /** Checks that the instance exists and can start (before a hijack). */
  void requireStartable(String id) {
    Exec e = get(id);
    synchronized (e) {
      if (e.started) {
        throw new DockerException("conflict: exec " + id + " has already run");
      }
    }
    synchronized (e.container) {
      if (!e.container.state.running()) {
        throw new DockerException("container " + e.container.id + " is not running");
      }
      if (e.container.state.paused()) {
        throw new DockerException(pausedText(e.container.id));
      }
    }
  }

  /**
   * Starts the instance and blocks until its command exits, delivering its output to {@code sink}; with
   * {@code detach}, runs it in the background and returns at once. {@code stdin} may be {@code null}.
   */
  void start(String id, InputStream stdin, StreamSink sink, boolean detach) throws InterruptedException {
    Exec e = get(id);
    LiveContainer c = e.container;
    synchronized (e) {
      if (e.started) {
        throw new DockerException("conflict: exec " + id + " has already run");
      }
      synchronized (c) {
        if (!c.state.running()) {
          throw new DockerException("container " + c.id + " is not running");
        }
        if (c.state.paused()) {
          throw new DockerException(pausedText(c.id));
        }
      }
      e.started = true;
      e.running = true;
      e.pid = pids.next();
      e.startedAt = clock.now();
    }
    events.emit("container", "exec_start: " + action(e.config.cmd()), c.id, attributes(c, id));
    if (detach) {
      threads.submit(() -> {
        run(e, null, (stream, bytes) -> { }, null);
        return null;
      });
      return;
    }
    if (e.config.tty() && e.config.attachStdin() && stdin != null) {
      attachDetachable(e, stdin, sink);
      return;
    }
    run(e, stdin, sink, null);
  }

  /**
   * Runs a TTY exec whose client gives its stdin: until the command exits or the client types the detach keys,
   * which end the stream (an {@code exec_detach} event) and leave the command running, its stdin open.
   */
  private void attachDetachable(Exec e, InputStream stdin, StreamSink sink) throws InterruptedException {
    java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean detached = new java.util.concurrent.atomic.AtomicBoolean();
    InputStream watched = DetachKeys.watch(stdin, DetachKeys.parse(e.config.detachKeys()), () -> {
      detached.set(true);
      over.countDown();
    });
    StreamSink gated = (stream, bytes) -> {
      if (!detached.get()) {
        sink.write(stream, bytes);
      }
    };
    threads.submit(() -> {
      try {
        run(e, watched, gated, detached::get);
      } finally {
        over.countDown();
      }
      return null;
    });
    over.await();
    if (detached.get()) {
      events.emit("container", "exec_detach", e.container.id, attributes(e.container, e.id));
    }
  }

  /** What the runtime's exec said before the cause. */
  private static final String EXEC_FAILED = "OCI runtime exec failed: exec failed: unable to start container process: ";

  private static String runtimeText(String cause) {
    return EXEC_FAILED + cause;
  }

  private void run(Exec e, InputStream clientIn, StreamSink sink, java.util.function.BooleanSupplier detached)
      throws InterruptedException {
    LiveContainer c = e.container;
    ExecConfig config = e.config;
    synchronized (e) {
      e.thread = Thread.currentThread();
    }
    BytePipe pipe = clientIn != null && config.attachStdin() ? new BytePipe() : null;
    if (pipe != null) {
      threads.submit(() -> {
        StdinPump.copy(clientIn, pipe, StdinPump.AtEnd.KEEP_OPEN);
        if (detached == null || !detached.getAsBoolean()) {
          pipe.close(); // a detached client leaves the command's stdin open
        }
      });
    }
    int code;
    try {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
      env.put("HOSTNAME", c.config.hostname());
      List<String> all = new ArrayList<>(c.config.env() == null ? List.of() : c.config.env());
      if (config.env() != null) {
        all.addAll(config.env());
      }
      for (String kv : all) {
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
      }
      if (config.tty()) {
        env.put("TERM", "xterm");
      }
      env.putIfAbsent("HOME", "/root");
      String cwd = !config.workingDir().isEmpty() ? config.workingDir()
          : c.config.workingDir().isEmpty() ? "/" : c.config.workingDir();
      OutputStream out = new SinkStream(sink, StdStream.STDOUT, config.tty(), config.attachStdout());
      OutputStream err = new SinkStream(sink, config.tty() ? StdStream.STDOUT : StdStream.STDERR, config.tty(),
          config.attachStderr());
      InputStream in = pipe == null ? InputStream.nullInputStream() : pipe.input();
      ContainerViews seen = views;
      ProcessIo io = new ProcessIo(config.cmd(), env, c.fs(), c.config.hostname(), in, out, err, clock,
          cwd, seen == null ? null : seen.of(c, config.user()));
      ScriptHandle script = scripts.find(config.cmd(), c);
      List<Integer> checked = script == null ? PortCheck.ports(config.cmd()) : null;
      Executables.Refusal refusal = script == null && checked == null
          ? Executables.refusal(c.fs(), config.cmd(),
              env.entrySet().stream().map(kv -> kv.getKey() + "=" + kv.getValue()).toList()) : null;
      if (refusal != null) {
        // the daemon writes the runtime's error on the stream's stdout
        try {
          byte[] text = (refusal.text(EXEC_FAILED) + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
          sink.write(StdStream.STDOUT, text);
        } catch (IOException ignored) {
          // the client went away
        }
        code = refusal.code();
      } else if (script != null) {
        code = ScriptedProcess.run(script, io, new io.mockdocker.internal.shell.ProcessSignals());
      } else if (checked != null) {
        code = PortCheck.run(checked, c, io);
      } else {
        code = ContainerRuntime.shell(io);
      }
    } catch (InterruptedException ex) {
      code = 137;
    } catch (RuntimeException ex) {
      code = 126;
    } finally {
      if (pipe != null) {
        pipe.close();
      }
    }
    Thread.interrupted();
    synchronized (e) {
      e.running = false;
      e.exitCode = code;
      e.thread = null;
    }
    Map<String, String> attributes = attributes(c, e.id);
    attributes.put("exitCode", Integer.toString(code));
    events.emit("container", "exec_die", c.id, attributes);
  }

  /** Sets what exec processes see of their container ({@code id}, {@code ps}, {@code nc}). */
  void views(ContainerViews views) {
    this.views = views;
  }

  /** The running exec processes of {@code c}, as the process table lists them. */
  List<SimProcess> running(LiveContainer c) {
    List<SimProcess> out = new ArrayList<>();
    for (Exec e : execs.values()) {
      if (e.container == c) {
        synchronized (e) {
          if (e.running) {
            out.add(new SimProcess(e.pid, 0, e.config.cmd(), e.startedAt, e.config.tty(), e.config.user()));
          }
        }
      }
    }
    return out;
  }

  /** The container's process ended: its running execs end too. */
  void containerExited(LiveContainer c) {
    for (Exec e : execs.values()) {
      if (e.container == c) {
        synchronized (e) {
          if (e.thread != null) {
            e.thread.interrupt();
          }
        }
      }
    }
  }

  private static Map<String, String> attributes(LiveContainer c, String execId) {
    Map<String, String> attributes = new TreeMap<>(c.eventAttributes());
    attributes.put("execID", execId);
    return attributes;
  }

  /** An exec's output stream: bytes go to the sink as one stream ({@code \n} → {@code \r\n} with a TTY). */
  private static final class SinkStream extends OutputStream {
    private final StreamSink sink;
    private final StdStream stream;
    private final boolean tty;
    private final boolean attached;

    SinkStream(StreamSink sink, StdStream stream, boolean tty, boolean attached) {
      this.sink = sink;
      this.stream = stream;
      this.tty = tty;
      this.attached = attached;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!attached || len == 0) {
        return;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(len + 8);
      for (int i = off; i < off + len; i++) {
        if (tty && b[i] == '\n') {
          bytes.write('\r');
        }
        bytes.write(b[i]);
      }
      sink.write(stream, bytes.toByteArray());
    }
  }
}
