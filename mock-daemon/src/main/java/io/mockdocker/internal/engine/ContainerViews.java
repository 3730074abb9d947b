package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.ContainerView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the mini shell's {@code id}, {@code ps} and {@code nc} see of a container: the user a process runs as, the
 * container's process table in its own PID namespace (its process is PID 1), and which TCP ports answer. A port of
 * the container itself answers while it runs and exposes or publishes it (as {@link PortCheck} counts it). Another
 * container, named by its name or ID, answers on a port it publishes when the host port the daemon holds for it
 * accepts a connection on loopback (a port script listening there), and on a port it only exposes while it runs.
 */
final class ContainerViews {
  private static final int CONNECT_TIMEOUT_MS = 1000;

  private final ContainerStore store;
  private final Execs execs;

  ContainerViews(ContainerStore store, Execs execs) {
    this.store = store;
    this.execs = execs;
  }

  /** The view of a process of {@code c} running as {@code user} ({@code ""}: the container's user). */
  ContainerView of(LiveContainer c, String user) {
    return new ContainerView() {
      @Override
      public String user() {
        if (user != null && !user.isEmpty()) {
          return user;
        }
        synchronized (c) {
          return c.config.user() == null ? "" : c.config.user();
        }
      }

      @Override
      public List<Process> processes() {
        return ContainerViews.this.processes(c);
      }

      @Override
      public Boolean connects(String host, int port) {
        return ContainerViews.this.connects(c, host, port);
      }
    };
  }

  private List<ContainerView.Process> processes(LiveContainer c) {
    List<ContainerView.Process> out = new ArrayList<>();
    int mainPid;
    String containerUser;
    synchronized (c) {
      if (!c.state.running()) {
        return out;
      }
      mainPid = c.state.pid();
      containerUser = c.config.user() == null ? "" : c.config.user();
      List<String> argv = new ArrayList<>();
      argv.add(c.path);
      argv.addAll(c.args);
      out.add(new ContainerView.Process(1, containerUser, argv));
    }
    for (SimProcess p : execs.running(c)) {
      int pid = p.pid() > mainPid ? p.pid() - mainPid + 1 : out.size() + 1;
      String user = p.user() == null || p.user().isEmpty() ? containerUser : p.user();
      out.add(new ContainerView.Process(pid, user, p.argv()));
    }
    out.sort(java.util.Comparator.comparingInt(ContainerView.Process::pid));
    return out;
  }

  private Boolean connects(LiveContainer self, String host, int port) {
    String name = host.toLowerCase(Locale.ROOT);
    LiveContainer target;
    if (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("::1") || name.equals("0.0.0.0")
        || isSelf(self, name)) {
      target = self;
    } else {
      target = store.find(host);
      if (target == null) {
        return null;
      }
    }
    Integer hostPort = null;
    synchronized (target) {
      if (!PortCheck.listening(target).contains(port)) {
        return false;
      }
      if (target != self && target.listeners != null) {
        for (PublishedPort published : target.listeners.published()) {
          if (published.port().equals(port + "/tcp")) {
            hostPort = published.hostPort();
          }
        }
      }
    }
    return hostPort == null || answers(hostPort);
  }

  private static boolean isSelf(LiveContainer c, String name) {
    synchronized (c) {
      return name.equalsIgnoreCase(c.config.hostname()) || name.equals(c.network.ipAddress())
          || c.id.startsWith(name);
    }
  }

  /** Whether the daemon's listener for a published port accepts a connection on loopback. */
  private static boolean answers(int hostPort) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
