package io.mockdocker.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container configuration, the era's {@code Config}: what {@code POST /containers/create} takes, what an image
 * records as {@code container_config} and {@code config}.
 *
 * <p>List fields may be {@code null}, which the API prints as JSON {@code null}, as Go printed a nil slice; an empty
 * list prints as {@code []}. {@code volumes} holds the keys of the era's {@code {"/path":{}}} object, sorted.
 *
 * <p>{@code entrypoint}, {@code workingDir} and {@code labels} are later additions the era never set (the era's
 * JSON writers ignore them): the process runs {@code entrypoint + cmd}; {@code labels} keeps its insertion order and
 * may be {@code null}. {@code healthcheck} ({@code null}: none given) is the modern view's.
 *
 * <p>{@code shell} is what a Dockerfile {@code SHELL} set (the shell that shell-form {@code RUN}, {@code CMD} and
 * {@code ENTRYPOINT} run under; {@code null} means {@code /bin/sh -c}); {@code onBuild} holds the {@code ONBUILD}
 * triggers, Dockerfile lines a build that starts {@code FROM} this image runs first. Both may be {@code null}.
 *
 * <p>{@code stopSignal} is the signal {@code stop} sends (a name such as {@code SIGQUIT} or a number; empty means
 * {@code SIGTERM}), from {@code STOPSIGNAL} or {@code --stop-signal}; {@code stopTimeout} the seconds {@code stop}
 * waits before it kills ({@code null}: the daemon's 10; negative: no kill), from {@code --stop-timeout}.
 */
public record Config(
    String hostname,
    String user,
    long memory,
    long memorySwap,
    long cpuShares,
    boolean attachStdin,
    boolean attachStdout,
    boolean attachStderr,
    List<String> portSpecs,
    boolean tty,
    boolean openStdin,
    boolean stdinOnce,
    List<String> env,
    List<String> cmd,
    List<String> dns,
    String image,
    List<String> volumes,
    String volumesFrom,
    List<String> entrypoint,
    String workingDir,
    Map<String, String> labels,
    Healthcheck healthcheck,
    List<String> shell,
    List<String> onBuild,
    String stopSignal,
    Integer stopTimeout) {

  private static final Config EMPTY = builder().build();

  public Config {
    hostname = hostname == null ? "" : hostname;
    user = user == null ? "" : user;
    image = image == null ? "" : image;
    volumesFrom = volumesFrom == null ? "" : volumesFrom;
    portSpecs = copy(portSpecs);
    env = copy(env);
    cmd = copy(cmd);
    dns = copy(dns);
    volumes = volumes == null ? null : volumes.stream().sorted().distinct().toList();
    entrypoint = copy(entrypoint);
    workingDir = workingDir == null ? "" : workingDir;
    labels = labels == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    shell = copy(shell);
    onBuild = copy(onBuild);
    stopSignal = stopSignal == null ? "" : stopSignal;
  }

  /** The process's argv: the entrypoint, then the command. */
  public List<String> argv() {
    List<String> argv = new java.util.ArrayList<>();
    if (entrypoint != null) {
      argv.addAll(entrypoint);
    }
    if (cmd != null) {
      argv.addAll(cmd);
    }
    return List.copyOf(argv);
  }

  /** The all-zero config (empty strings, zeros, {@code false}, {@code null} lists). */
  public static Config empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Shorthand for a config that only sets a command. */
  public static Config ofCmd(String... cmd) {
    return builder().cmd(List.of(cmd)).build();
  }

  private static List<String> copy(List<String> list) {
    return list == null ? null : List.copyOf(list);
  }

  /** Builds a {@link Config}; every field starts at its zero value. */
  public static final class Builder {
    private String hostname = "";
    private String user = "";
    private long memory;
    private long memorySwap;
    private long cpuShares;
    private boolean attachStdin;
    private boolean attachStdout;
    private boolean attachStderr;
    private List<String> portSpecs;
    private boolean tty;
    private boolean openStdin;
    private boolean stdinOnce;
    private List<String> env;
    private List<String> cmd;
    private List<String> dns;
    private String image = "";
    private List<String> volumes;
    private String volumesFrom = "";
    private List<String> entrypoint;
    private String workingDir = "";
    private Map<String, String> labels;
    private Healthcheck healthcheck;
    private List<String> shell;
    private List<String> onBuild;
    private String stopSignal = "";
    private Integer stopTimeout;

    private Builder() {}

    private Builder(Config c) {
      hostname = c.hostname;
      user = c.user;
      memory = c.memory;
      memorySwap = c.memorySwap;
      cpuShares = c.cpuShares;
      attachStdin = c.attachStdin;
      attachStdout = c.attachStdout;
      attachStderr = c.attachStderr;
      portSpecs = c.portSpecs;
      tty = c.tty;
      openStdin = c.openStdin;
      stdinOnce = c.stdinOnce;
      env = c.env;
      cmd = c.cmd;
      dns = c.dns;
      image = c.image;
      volumes = c.volumes;
      volumesFrom = c.volumesFrom;
      entrypoint = c.entrypoint;
      workingDir = c.workingDir;
      labels = c.labels;
      healthcheck = c.healthcheck;
      shell = c.shell;
      onBuild = c.onBuild;
      stopSignal = c.stopSignal;
      stopTimeout = c.stopTimeout;
    }

    public Builder hostname(String v) { hostname = v; return this; }
    public Builder user(String v) { user = v; return this; }
    public Builder memory(long v) { memory = v; return this; }
    public Builder memorySwap(long v) { memorySwap = v; return this; }
    public Builder cpuShares(long v) { cpuShares = v; return this; }
    public Builder attachStdin(boolean v) { attachStdin = v; return this; }
    public Builder attachStdout(boolean v) { attachStdout = v; return this; }
    public Builder attachStderr(boolean v) { attachStderr = v; return this; }
    public Builder portSpecs(List<String> v) { portSpecs = v; return this; }
    public Builder tty(boolean v) { tty = v; return this; }
    public Builder openStdin(boolean v) { openStdin = v; return this; }
    public Builder stdinOnce(boolean v) { stdinOnce = v; return this; }
    public Builder env(List<String> v) { env = v; return this; }
    public Builder cmd(List<String> v) { cmd = v; return this; }
    public Builder cmd(String... v) { cmd = List.of(v); return this; }
    public Builder dns(List<String> v) { dns = v; return this; }
    public Builder image(String v) { image = v; return this; }
    public Builder volumes(List<String> v) { volumes = v; return this; }
    public Builder volumesFrom(String v) { volumesFrom = v; return this; }
    public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
    public Builder workingDir(String v) { workingDir = v; return this; }
    public Builder labels(Map<String, String> v) { labels = v; return this; }
    /** The health check ({@code null}: none given, the image's applies). */
    public Builder healthcheck(Healthcheck v) { healthcheck = v; return this; }
    /** The shell of shell-form commands (Dockerfile {@code SHELL}); {@code null} for {@code /bin/sh -c}. */
    public Builder shell(List<String> v) { shell = v; return this; }
    /** The {@code ONBUILD} triggers: Dockerfile lines a child build runs after its {@code FROM}. */
    public Builder onBuild(List<String> v) { onBuild = v; return this; }
    public Builder stopSignal(String v) { stopSignal = v; return this; }
    public Builder stopTimeout(Integer v) { stopTimeout = v; return this; }

    public Config build() {
      return new Config(hostname, user, memory, memorySwap, cpuShares, attachStdin, attachStdout, attachStderr,
          portSpecs, tty, openStdin, stdinOnce, env, cmd, dns, image, volumes, volumesFrom, entrypoint, workingDir,
          labels, healthcheck, shell, onBuild, stopSignal, stopTimeout);
    }
  }
}
