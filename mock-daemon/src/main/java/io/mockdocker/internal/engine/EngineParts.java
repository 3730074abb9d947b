package io.mockdocker.internal.engine;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.mockdocker.Clock;
import io.mockdocker.internal.shell.FsWrites;
import io.mockdocker.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wiring of one {@link Engine}: each part built with the parts it uses, on a private jimfs file system. The engine
 * hands its subjects out and delegates to the others; {@link #close()} ends what runs and drops the files.
 */
final class EngineParts implements AutoCloseable {
  /** Freed blocks the in-memory file system keeps for reuse; what is beyond goes back to the heap. */
  private static final long FREED_BLOCKS_KEPT = 1L << 20;

  /**
   * jimfs's Unix file system, keeping at most 1 MiB of freed blocks for reuse: jimfs sizes the cache's block table
   * by that bound when a file system is made, so its default (as much as the whole disk) made every new engine
   * allocate the largest table (7 % of a daemon's start in a JFR profile), and 16 MiB still 2.6 %. Its
   * clock is {@link FsWrites#TIME}, which counts the file changes (kept sizes are recomputed when the count moved).
   */
  private static final Configuration FS = Configuration.unix().toBuilder().setMaxCacheSize(FREED_BLOCKS_KEPT)
      .setFileTimeSource(FsWrites.TIME).build();

  final FileSystem fs;
  final Clock clock;
  final Registry registry;
  final Set<Capability> capabilities;
  final Events events;
  final ProcessScripts scripts;
  final TransferScripts transferScripts = new TransferScripts();
  final Transfers transfers;
  final ExecutorService threads;
  final Logins logins;
  final Images images;
  final ImageReferences references;
  final Builds builds;
  final ContainerStore store;
  final Containers containers;
  final ContainerControl control;
  final Ports ports;
  final Archives archives;
  final Networks networks;
  final Volumes volumes;
  final ImageArchives imageArchives;
  final Prunes prunes;
  final String resolvConf;

  /** The composition root: builds each part with the parts it uses. */
  EngineParts(EngineSettings b) {
    this.clock = b.clock;
    this.resolvConf = b.resolvConf;
    this.registry = b.registry;
    this.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(b.capabilities));
    // a small cache of freed blocks: by default jimfs keeps every block it ever freed, so a refused tar bomb's
    // gigabyte would stay on the heap after its files were deleted
    this.fs = Jimfs.newFileSystem("mock-docker-" + Integer.toHexString(System.identityHashCode(this)), FS);
    this.events = new Events(clock);
    this.transfers = new Transfers(clock, transferScripts);
    this.threads = Executors.newCachedThreadPool(new ProcessThreads());
    this.logins = new Logins(registry);
    StateLock lock = new StateLock();
    Ids ids = new Ids(b.random);
    Pids pids = new Pids();
    ImageGraph graph = new ImageGraph(fs.getPath("/var/lib/docker/graph"));
    RepoDigests digests = new RepoDigests();
    TagStore tags = new TagStore(graph, digests);
    TarBudget tarBudget = new TarBudget(b.tarLimits);
    LayerStaging staging = new LayerStaging(graph, ids, tarBudget);
    this.scripts = new ProcessScripts(lock, tags);
    this.store = new ContainerStore(fs.getPath("/var/lib/docker/containers"), lock, graph, tags, staging, ids, clock,
        capabilities, events, b.version);
    this.ports = new Ports(threads, clock, scripts);
    Execs execs = new Execs(ids, pids, clock, events, scripts, threads);
    this.volumes = new Volumes(fs.getPath("/var/lib/docker/volumes"), ids, clock, events);
    Mounts mounts = new Mounts(volumes, b.hostFiles, fs.getPath("/var/lib/mock-docker/binds"),
        fs.getPath("/var/lib/mock-docker/tmpfs"), events);
    HealthChecks health = new HealthChecks(clock, events, execs, threads);
    ContainerRuntime runtime = new ContainerRuntime(lock, new Bridge(), ports, capabilities, clock, ids, pids, events, store,
        execs, scripts, threads, health, mounts);
    this.containers = new Containers(lock, tags, clock, events, store, runtime, execs, threads, mounts);
    this.control = new ContainerControl(store, events, health, execs, scripts, clock, capabilities);
    this.archives = new Archives(store, events, tarBudget);
    this.networks = new Networks(ids, clock, events, containers::inspect);
    this.images = new Images(lock, graph, tags, staging, digests, ids, clock, registry, events,
        new OperationPools(), transfers, store);
    this.builds = new Builds(images, lock, tags, staging, store, runtime, transfers);
    this.references = new ImageReferences(images, builds, registry);
    this.imageArchives = new ImageArchives(lock, graph, tags, staging, ids, clock, events, registry);
    this.prunes = new Prunes(lock, graph, tags, store, containers, images, events);
    runtime.reaper(new LabelReaper(containers, networks, volumes, images, references));
  }

  /** Ends transfers, published-port listeners and simulated processes, then closes the file system. */
  @Override
  public void close() {
    transfers.close();
    ports.closeAll();
    threads.shutdownNow();
    try {
      fs.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
