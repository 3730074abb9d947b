package io.mockdocker.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a simulated process gets: its argv, environment, root file system, hostname, streams, the clock and its
 * working directory.
 */
record ProcessIo(List<String> argv, Map<String, String> env, Path root, String hostname, InputStream stdin,
    OutputStream stdout, OutputStream stderr, Clock clock, String cwd) {

  ProcessIo(List<String> argv, Map<String, String> env, Path root, String hostname, InputStream stdin,
      OutputStream stdout, OutputStream stderr, Clock clock) {
    this(argv, env, root, hostname, stdin, stdout, stderr, clock, "/");
  }
}
