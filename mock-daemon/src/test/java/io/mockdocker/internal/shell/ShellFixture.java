package io.mockdocker.internal.shell;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A container root on jimfs, an environment and a fake clock, and a way to run commands and see the bytes. */
final class ShellFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2013-06-15T12:00:00Z");

  final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  final Path root = fs.getPath("/var/lib/docker/containers/c0ffee/rootfs");
  final FakeClock clock = new FakeClock(T0, ZoneId.of("UTC"));
  final Map<String, String> env = new LinkedHashMap<>();
  String workingDir = "";
  String hostname = "c0ffee123456";
  /** What {@code id}, {@code ps} and {@code nc} see; null is no container around the process. */
  ContainerView view;
  /** Mounts over the root. */
  List<FsRoot.Mount> mounts = List.of();

  ShellFixture() {
    env.put("HOME", "/");
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("container", "lxc");
    try {
      Files.createDirectories(root.resolve("etc"));
      Files.createDirectories(root.resolve("tmp"));
      Files.createDirectories(root.resolve("bin"));
      Files.writeString(root.resolve("etc/hostname"), "base\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one run produced. */
  record Result(int code, String out, String err) {
    /** Exit 0, this on stdout, nothing on stderr. */
    static Result ok(String out) {
      return new Result(0, out, "");
    }
  }

  Result run(String... argv) throws InterruptedException {
    return runWithStdin(new ByteArrayInputStream(new byte[0]), argv);
  }

  Result runWithStdin(String stdin, String... argv) throws InterruptedException {
    return runWithStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), argv);
  }

  Result runWithStdin(InputStream stdin, String... argv) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new MiniShell().run(List.of(argv), context(stdin, out, err, clock));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code sh -c SCRIPT}. */
  Result sh(String script) throws InterruptedException {
    return run("/bin/sh", "-c", script);
  }

  ShellContext context(InputStream in, java.io.OutputStream out, java.io.OutputStream err, ShellClock c) {
    return new ShellContext(root, env, hostname, workingDir, in, out, err, c, FsRoot.of(root, mounts), null, view);
  }

  Path file(String containerPath) {
    return root.resolve(containerPath.substring(1));
  }

  String read(String containerPath) throws IOException {
    return Files.readString(file(containerPath));
  }

  void write(String containerPath, String content) throws IOException {
    Files.createDirectories(file(containerPath).getParent());
    Files.writeString(file(containerPath), content);
  }

  @Override
  public void close() throws IOException {
    fs.close();
  }
}
