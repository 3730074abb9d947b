package io.mockdocker.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI on the PATH, run against one daemon with its own {@code DOCKER_CONFIG} (so {@code login} never
 * touches the user's), output and errors together, stdin given or empty.
 */
public final class DockerCli {
  /** What a command left: its exit code and everything it printed. */
  public record Result(int exit, String out) {
    public List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private final String dockerHost;
  private final Path config;
  private final Map<String, String> env = new LinkedHashMap<>();

  private DockerCli(String dockerHost, Path config) {
    this.dockerHost = dockerHost;
    this.config = config;
  }

  /** A CLI for {@code dockerHost} ({@code tcp://127.0.0.1:P}) keeping its config in {@code config}. */
  public static DockerCli of(String dockerHost, Path config) {
    return new DockerCli(dockerHost, config);
  }

  /** Sets one more environment variable for every command (e.g. {@code DOCKER_API_VERSION}). */
  public DockerCli withEnv(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The {@code docker} binary on the PATH, or {@code null}. */
  public static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "docker");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  public Result run(String... args) {
    return withInput(null, args);
  }

  /** Runs {@code docker args…} with {@code stdin} written to its standard input ({@code null}: closed at once). */
  public Result withInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(binary()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = pb.environment();
    environment.remove("DOCKER_API_VERSION");
    environment.remove("DOCKER_CONTEXT");
    environment.put("DOCKER_HOST", dockerHost);
    environment.put("DOCKER_CONFIG", config.toString());
    environment.putAll(env);
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("docker " + String.join(" ", args) + " did not end in 60 s");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
