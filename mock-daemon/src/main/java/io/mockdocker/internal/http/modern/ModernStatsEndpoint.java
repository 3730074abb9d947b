package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.StatsSample;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /containers/{id}/stats}: one reading a second of the engine clock. A stream sends a frame at once (its
 * {@code precpu_stats} empty, as the daemon's first) and then one per second, each carrying the previous frame's
 * CPU as {@code precpu_stats}; a stopped container streams empty frames, and the stream ends when it is removed.
 * {@code stream=false} answers one frame whose {@code precpu_stats} is the reading a second earlier (the daemon
 * waited for its second sample); {@code one-shot} answers the current reading alone.
 */
final class ModernStatsEndpoint {
  /** How often a stream blocked on the engine clock looks whether its client is still there (real time). */
  private static final long CLIENT_CHECK_MILLIS = 200;
  private static final String[] BLKIO = {"io_service_bytes_recursive", "io_serviced_recursive", "io_queue_recursive",
      "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive",
      "sectors_recursive"};
  /** The cgroup v2 memory keys the daemon copies into {@code memory_stats.stats}, in Go's (sorted) map order. */
  private static final List<String> MEMORY_KEYS = List.of("active_anon", "active_file", "anon", "anon_thp", "file",
      "file_dirty", "file_mapped", "file_writeback", "inactive_anon", "inactive_file", "kernel_stack", "pgactivate",
      "pgdeactivate", "pgfault", "pglazyfree", "pglazyfreed", "pgmajfault", "pgrefill", "pgscan", "pgsteal", "shmem",
      "slab", "slab_reclaimable", "slab_unreclaimable", "sock", "thp_collapse_alloc", "thp_fault_alloc",
      "unevictable", "workingset_activate", "workingset_nodereclaim", "workingset_refault");

  private final Engine engine;
  private final ExecutorService sessions;

  ModernStatsEndpoint(Engine engine, ExecutorService sessions) {
    this.engine = engine;
    this.sessions = sessions;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("GET", "/containers/{name:.*}/stats", this::stats));
  }

  private void stats(Call<ModernVersion> call) throws InterruptedException {
    boolean stream = call.params("stream").isEmpty() || call.flag("stream");
    boolean oneShot = call.version().statsOneShot() && call.flag("one-shot");
    Container c = engine.containers().inspect(call.var("name"));
    if (stream && oneShot) {
      throw new ApiError(400, "cannot have stream=true and one-shot=true");
    }
    Instant now = engine.clock().now();
    if (!stream) {
      StatsSample sample = engine.control().stats(c.id(), now);
      StatsSample pre = null;
      if (sample.running() && !oneShot) {
        Instant started = c.state().startedAt().toInstant();
        Instant before = now.minusSeconds(1);
        pre = engine.control().stats(c.id(), before.isBefore(started) ? started : before);
      }
      ModernResponses.json(call.exchange(), 200, frame(sample, pre));
      return;
    }
    stream(call, c.id(), now);
  }

  /** Frames at {@code start}, {@code start + 1s}, … on the engine clock until the client leaves or rm. */
  private void stream(Call<ModernVersion> call, String id, Instant start) throws InterruptedException {
    var ex = call.exchange();
    ex.setStatusCode(200);
    // the daemon flushed its head before any byte, so Go sniffed an empty body
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.TEXT_PLAIN);
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    OutputStream out = ex.getOutputStream();
    StatsSample previous = null;
    try {
      out.flush();
      for (long k = 0; ; k++) {
        Instant tick = start.plusSeconds(k);
        if (!awaitTick(call, tick)) {
          ex.endExchange();
          return;
        }
        StatsSample sample;
        try {
          sample = engine.control().stats(id, tick);
        } catch (DockerException e) {
          break; // removed: the daemon closed the stream
        }
        byte[] json = GoJson.MODERN.bytes(frame(sample, previous));
        out.write(json);
        out.write('\n');
        out.flush();
        previous = sample;
      }
      out.close();
    } catch (IOException e) {
      ex.endExchange(); // the client went away
    }
  }

  /** Waits on the engine clock until {@code tick}; {@code false} when the client left meanwhile. */
  private boolean awaitTick(Call<ModernVersion> call, Instant tick) throws InterruptedException {
    Duration wait = Duration.between(engine.clock().now(), tick);
    if (wait.isNegative() || wait.isZero()) {
      return true;
    }
    Future<?> sleeper = sessions.submit(() -> {
      engine.clock().sleep(wait);
      return null;
    });
    try {
      while (true) {
        try {
          sleeper.get(CLIENT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
          return true;
        } catch (TimeoutException e) {
          if (ClientGone.check(call.exchange())) {
            return false;
          }
        } catch (ExecutionException e) {
          return false;
        }
      }
    } finally {
      sleeper.cancel(true);
    }
  }

  /** A {@code StatsResponse}; {@code pre} (the previous reading, or {@code null}) gives preread and precpu. */
  static ObjectNode frame(StatsSample s, StatsSample pre) {
    ObjectNode o = GoJson.object();
    o.put("name", s.name());
    o.put("id", s.id());
    o.put("read", time(s.running() ? s.read() : null));
    o.put("preread", time(pre != null && pre.running() ? pre.read() : null));
    ObjectNode pids = o.putObject("pids_stats");
    if (s.pids() > 0) {
      pids.put("current", s.pids());
    }
    if (s.pidsLimit() > 0) {
      pids.put("limit", s.pidsLimit());
    }
    ObjectNode blkio = o.putObject("blkio_stats");
    for (String key : BLKIO) {
      blkio.putNull(key);
    }
    o.put("num_procs", 0);
    o.putObject("storage_stats");
    o.set("cpu_stats", cpu(s));
    o.set("precpu_stats", cpu(pre == null ? StatsSample.empty(s.id(), s.name()) : pre));
    ObjectNode memory = o.putObject("memory_stats");
    if (s.running()) {
      memory.put("usage", s.memoryUsage());
      ObjectNode stats = memory.putObject("stats");
      for (String key : MEMORY_KEYS) {
        stats.put(key, switch (key) {
          case "anon", "active_anon" -> s.memoryUsage();
          default -> 0L;
        });
      }
      memory.put("limit", s.memoryLimit());
    }
    if (s.network()) {
      ObjectNode eth0 = o.putObject("networks").putObject("eth0");
      eth0.put("rx_bytes", s.rxBytes());
      eth0.put("rx_packets", s.rxPackets());
      eth0.put("rx_errors", 0);
      eth0.put("rx_dropped", 0);
      eth0.put("tx_bytes", s.txBytes());
      eth0.put("tx_packets", s.txPackets());
      eth0.put("tx_errors", 0);
      eth0.put("tx_dropped", 0);
    }
    return o;
  }

  private static ObjectNode cpu(StatsSample s) {
    ObjectNode o = GoJson.object();
    ObjectNode usage = o.putObject("cpu_usage");
    usage.put("total_usage", s.cpuTotal());
    usage.put("usage_in_kernelmode", s.cpuKernel());
    usage.put("usage_in_usermode", s.cpuUser());
    if (s.systemUsage() > 0) {
      o.put("system_cpu_usage", s.systemUsage());
    }
    if (s.onlineCpus() > 0) {
      o.put("online_cpus", s.onlineCpus());
    }
    ObjectNode throttling = o.putObject("throttling_data");
    throttling.put("periods", 0);
    throttling.put("throttled_periods", 0);
    throttling.put("throttled_time", 0);
    return o;
  }

  private static String time(Instant t) {
    return t == null ? GoJson.ZERO_TIME : GoJson.time(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
  }
}
