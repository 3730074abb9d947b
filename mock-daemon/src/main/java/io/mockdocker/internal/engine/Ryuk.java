package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in process of the {@code testcontainers/ryuk} image ({@code /bin/ryuk}): Testcontainers' resource reaper.
 * It logs {@code Started} once its port serves, reads {@code label=k%3Dv&label=…} filter lines from each connection and
 * answers each with {@code ACK\n}; when no client connected within {@code RYUK_CONNECTION_TIMEOUT} (60 s), or the last
 * client has gone and {@code RYUK_RECONNECTION_TIMEOUT} (10 s) passed without a new one, both on the engine's clock,
 * it removes the containers, networks, volumes and images the filters select and exits 0. Its log lines have the
 * shape of Ryuk's ({@code time=… level=INFO msg=Started address=[::]:8080}). A port that is not published gets no
 * clients, so the reaper prunes after the connection timeout.
 */
final class Ryuk {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private final ProcessIo io;
  private final Clock clock;
  private final LabelReaper reaper;
  private final String self;
  private final Set<Map<String, List<String>>> filters = new LinkedHashSet<>();
  private int clients;
  private int changes;
  private boolean due;
  private boolean shutdown;
  private Instant lastChange;
  private Duration reconnection;
  private Thread timer;

  private Ryuk(ProcessIo io, LabelReaper reaper, String self) {
    this.io = io;
    this.clock = io.clock();
    this.reaper = reaper;
    this.self = self;
  }

  /** Whether {@code argv} starts the reaper. */
  static boolean runs(List<String> argv) {
    return !argv.isEmpty() && (argv.get(0).equals("/bin/ryuk") || argv.get(0).equals("ryuk"));
  }

  /** Runs the reaper of container {@code self} on its published ports {@code listeners} (null: none). */
  static int run(ProcessIo io, PortListeners listeners, LabelReaper reaper, String self) throws InterruptedException {
    return new Ryuk(io, reaper, self).run(listeners);
  }

  private int run(PortListeners listeners) throws InterruptedException {
    Duration connection;
    Duration reconnection;
    int port;
    try {
      connection = duration("RYUK_CONNECTION_TIMEOUT", "60s");
      reconnection = duration("RYUK_RECONNECTION_TIMEOUT", "10s");
      port = Integer.parseInt(io.env().getOrDefault("RYUK_PORT", "8080").trim());
    } catch (IllegalArgumentException e) {
      log("ERROR", "run error=\"new reaper: load config: parse env: " + e.getMessage().replace("\"", "\\\"") + "\"");
      return 1;
    }
    log("INFO", "starting connection_timeout=" + go(connection) + " reconnection_timeout=" + go(reconnection)
        + " request_timeout=10s shutdown_timeout=10m0s remove_retries=10 retry_offset=-1s changes_retry_interval=1s"
        + " port=" + port + " verbose=false");
    synchronized (this) {
      lastChange = clock.now();
      this.reconnection = reconnection;
    }
    if (listeners != null) {
      listeners.serve(port + "/tcp", this::client);
    }
    log("INFO", "Started address=[::]:" + port);
    log("INFO", "client processing started");
    waitForPrune(connection);
    log("INFO", "prune check clients=0");
    List<Map<String, List<String>>> selected;
    synchronized (this) {
      shutdown = true;
      selected = new ArrayList<>(filters);
    }
    log("INFO", "client processing stopped");
    LabelReaper.Removed removed = reaper.prune(selected, self);
    log("INFO", "removed containers=" + removed.containers() + " networks=" + removed.networks() + " volumes="
        + removed.volumes() + " images=" + removed.images());
    log("INFO", "done");
    return 0;
  }

  /** Returns once no client has been connected for the timeout that applies. */
  private void waitForPrune(Duration connection) throws InterruptedException {
    synchronized (this) {
      if (changes == 0) {
        schedule(connection); // else a client came already, and its timer (or none, while it stays) applies
      }
      try {
        while (!due) {
          wait();
        }
      } finally {
        if (timer != null) {
          timer.interrupt();
        }
      }
    }
  }

  /**
   * Starts the timer for {@code timeout} after the last change, cancelling the previous one; none while a client is
   * connected. The timer sleeps on the engine's clock and, when nothing changed meanwhile, makes the prune due.
   */
  private void schedule(Duration timeout) {
    if (timer != null) {
      timer.interrupt();
      timer = null;
    }
    if (clients > 0) {
      return;
    }
    Instant deadline = lastChange.plus(timeout);
    int seen = changes;
    Thread t = new Thread(() -> {
      try {
        Duration left = Duration.between(clock.now(), deadline);
        if (!left.isNegative() && !left.isZero()) {
          clock.sleep(left);
        }
        synchronized (this) {
          if (changes == seen && clients == 0) {
            due = true;
            notifyAll();
          }
        }
      } catch (InterruptedException e) {
        // a client came or went: a newer timer (or none) took over
      }
    }, "ryuk-timer");
    t.setDaemon(true);
    timer = t;
    t.start();
  }

  private void client(Socket s) throws IOException {
    String address = s.getInetAddress().getHostAddress() + ":" + s.getPort();
    int now;
    synchronized (this) {
      if (shutdown) {
        log("WARN", "shutdown, aborting client address=" + address);
        return;
      }
      now = ++clients;
      changes++;
      schedule(reconnection);
    }
    log("INFO", "client connected address=" + address + " clients=" + now);
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          log("WARN", "empty filter received address=" + address);
          continue;
        }
        Map<String, List<String>> filter = parse(line);
        filter.forEach((type, values) -> log("INFO", "adding filter type=" + type + " values=\"["
            + String.join(" ", values) + "]\" address=" + address));
        synchronized (this) {
          filters.add(filter);
        }
        out.write("ACK\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } finally {
      synchronized (this) {
        now = --clients;
        changes++;
        lastChange = clock.now();
        schedule(reconnection);
      }
      log("INFO", "client disconnected address=" + address + " clients=" + now);
    }
  }

  /** {@code label=a%3Db&label=c} as a query string: name to values, in order. */
  private static Map<String, List<String>> parse(String line) {
    Map<String, List<String>> filter = new LinkedHashMap<>();
    for (String pair : line.split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      filter.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    filter.values().forEach(values -> values.sort(null));
    return filter;
  }

  private Duration duration(String name, String fallback) {
    String text = io.env().getOrDefault(name, fallback).trim();
    Matcher m = DURATION.matcher(text);
    long nanos = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      double amount = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos += (long) (amount * unit);
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException("env: parse error on field \"" + name + "\" of type \"time.Duration\": "
          + "unable to parse duration: time: invalid duration \"" + text + "\"");
    }
    return Duration.ofNanos(nanos);
  }

  /** As Go prints a duration: {@code 1m0s}, {@code 10s}, {@code 500ms}. */
  static String go(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long h = d.toHours();
    long m = d.toMinutesPart();
    String s = d.toSecondsPart() + (d.toMillisPart() == 0 ? "" : String.format(".%03d", d.toMillisPart())
        .replaceAll("0+$", "")) + "s";
    return (h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" : "") + s;
  }

  private synchronized void log(String level, String message) {
    String time = TIME.format(clock.now().atOffset(ZoneOffset.UTC));
    String msg = message.contains(" ") && !message.startsWith("\"") ? quoteMsg(message) : message;
    ContainerRuntime.writeQuietly(io.stdout(), "time=" + time + " level=" + level + " msg=" + msg + "\n");
    try {
      io.stdout().flush();
    } catch (IOException ignored) {
      // the log never fails
    }
  }

  /** Quotes the message part (before the first {@code key=} attribute) when it has spaces, as slog's text does. */
  private static String quoteMsg(String message) {
    Matcher m = Pattern.compile(" [a-z_]+=").matcher(message);
    int end = m.find() ? m.start() : message.length();
    String msg = message.substring(0, end);
    return (msg.contains(" ") ? "\"" + msg + "\"" : msg) + message.substring(end);
  }
}
