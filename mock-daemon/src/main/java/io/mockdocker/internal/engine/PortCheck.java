package io.mockdocker.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Testcontainers' in-container port check, run as a built-in: {@code /bin/sh -c "while true; do ( true && (grep -i
 * ':0*50' /proc/net/tcp* || nc -vz -w 1 localhost 80 || /bin/bash -c '</dev/tcp/localhost/80') ) && exit 0 || sleep
 * 0.1; done"}. The mini shell can run the loop, but a simulated process has no {@code /proc/net/tcp} (nor a
 * {@code nc} that sees the container's listeners from inside it); so the loop is answered as the script would end in a container whose process listens on its exposed and published
 * ports while it runs: exit 0 once every port the check names is one of them, else another try after 0.1 s on the
 * engine's clock, until the exec is ended.
 */
final class PortCheck {
  private static final String HEAD = "while true; do ( true ";
  private static final String TAIL = " ) && exit 0 || sleep 0.1; done";
  private static final Pattern PORT = Pattern.compile("nc -vz -w 1 localhost (\\d+)");

  private PortCheck() {}

  /** The ports the check waits for, or {@code null} when {@code argv} is not Testcontainers' check. */
  static List<Integer> ports(List<String> argv) {
    if (argv.size() != 3 || !argv.get(0).endsWith("sh") || !argv.get(1).equals("-c")
        || !argv.get(2).startsWith(HEAD) || !argv.get(2).endsWith(TAIL)) {
      return null;
    }
    List<Integer> ports = new ArrayList<>();
    Matcher m = PORT.matcher(argv.get(2));
    while (m.find()) {
      ports.add(Integer.parseInt(m.group(1)));
    }
    return ports;
  }

  /** Runs the check in {@code c}: 0 once each port listens; loops on the clock while one does not. */
  static int run(List<Integer> ports, LiveContainer c, ProcessIo io) throws InterruptedException {
    while (true) {
      if (listening(c).containsAll(ports)) {
        return 0;
      }
      io.clock().sleep(Duration.ofMillis(100));
    }
  }

  /** The ports a running container's process listens on: its exposed and published ones. */
  static Set<Integer> listening(LiveContainer c) {
    Set<Integer> ports = new HashSet<>();
    synchronized (c) {
      if (!c.state.running() || c.ports == null) {
        return ports;
      }
      c.ports.exposed().forEach(p -> ports.add(number(p)));
      c.ports.bindings().keySet().forEach(p -> ports.add(number(p)));
    }
    return ports;
  }

  private static int number(String port) {
    int slash = port.indexOf('/');
    return Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
  }
}
