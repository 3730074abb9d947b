package io.mockdocker.internal.engine;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.mockdocker.Clock;
import io.mockdocker.TarLimits;
import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.internal.shell.FsWrites;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon's state and behaviour, independent of HTTP and of API versions: the image graph with its layers on a
 * private jimfs file system, the tag store, the containers, stored credentials, and the {@link Registry} that pull,
 * push, search and login talk to. Thread-safe: one lock guards the graph, the tags and the containers; long transfers
 * run outside it.
 */
public final class Engine implements AutoCloseable {
  /** The daemon version an engine plays unless its builder names another ({@link Builder#version}). */
  public static final String VERSION = "0.4.4";
  public static final String GIT_COMMIT = "02f0c1e";
  public static final String GO_VERSION = "go1.1.1";

  /** Freed blocks the in-memory file system keeps for reuse; what is beyond goes back to the heap. */
  private static final long FREED_BLOCKS_KEPT = 16L << 20;

  private final FileSystem fs;
  private final Clock clock;
  private final Registry registry;
  private final Set<Capability> capabilities;
  private final Events events;
  private final ProcessScripts scripts;
  private final TransferScripts transferScripts = new TransferScripts();
  private final Transfers transfers;
  private final ExecutorService threads;
  private final Logins logins;
  private final Images images;
  private final ImageReferences references;
  private final Builds builds;
  private final ContainerStore store;
  private final Containers containers;
  private final ContainerControl control;
  private final Ports ports;
  private final Archives archives;
  private final Networks networks;
  private final Volumes volumes;
  private final ImageArchives imageArchives;
  private final Prunes prunes;
  private final String resolvConf;

  /**
   * jimfs's Unix file system, keeping at most 16 MiB of freed blocks for reuse: its default (as much as the whole
   * disk) makes every new engine allocate the largest block cache (7 % of a daemon's start in a JFR profile). Its
   * clock is {@link FsWrites#TIME}, which counts the file changes (kept sizes are recomputed when the count moved).
   */
  private static final Configuration FS = Configuration.unix().toBuilder().setMaxCacheSize(FREED_BLOCKS_KEPT)
      .setFileTimeSource(FsWrites.TIME).build();

  /** The composition root: builds each part with the parts it uses. */
  private Engine(Builder b) {
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

  public static Builder builder() {
    return new Builder();
  }

  public Clock clock() {
    return clock;
  }

  /** The text of the daemon's {@code /etc/resolv.conf} ({@link Builder#resolvConf}); empty unless given. */
  public String resolvConf() {
    return resolvConf;
  }

  /** The event log: container and image events with a bounded history. */
  public Events events() {
    return events;
  }

  public Registry registry() {
    return registry;
  }

  public Set<Capability> capabilities() {
    return capabilities;
  }

  // ---------------------------------------------------------------- images

  /** The image list: every {@code repo:tag} pair, then the untagged images that are heads (no image's parent). */
  public List<ImageListing> images() {
    return images.list(false, "");
  }

  /** The image list with every untagged image, intermediate layers too ({@code all=1}). */
  public List<ImageListing> imagesWithIntermediates() {
    return images.list(true, "");
  }

  /** The image list of one repository: its {@code repo:tag} pairs only. */
  public List<ImageListing> images(String repository) {
    return images.list(false, Objects.requireNonNull(repository, "repository"));
  }

  /** Every image in the graph. */
  public List<Image> allImages() {
    return images.all();
  }

  /** The {@code repo:tag} names of each tagged image ID, each list sorted. */
  public Map<String, List<String>> namesById() {
    return images.namesById();
  }

  /** Repository to (tag to image ID). */
  public Map<String, Map<String, String>> repositories() {
    return images.repositories();
  }

  /** Image inspect: {@code No such image: <name>} when the name resolves to nothing. */
  public Image inspectImage(String name) {
    return images.inspect(name);
  }

  /** Resolves a name as the daemon's LookupImage, or empty. */
  public Optional<Image> findImage(String name) {
    return images.find(name);
  }

  /** The image and its ancestors with their names; {@code Image does not exist: <name>} when unknown. */
  public List<HistoryEntry> history(String name) {
    return images.history(name);
  }

  /** Points {@code repo:tag} at the image {@code name} resolves to; the tag defaults to {@code latest}. */
  public void tag(String name, String repo, String tag) {
    images.tag(name, repo, tag);
  }

  /**
   * Makes images local as a pull would have left them (layer unpacked, size = declared size plus the layer walk), but
   * straight from memory: no registry, no progress stream, no HTTP. The fast path for large fixtures and benchmarks.
   * Each image's parent must be local already or come earlier in the list; an image already present is
   * {@code Image <id> already exists}. Returns the registered images, in order.
   */
  public List<Image> load(List<RemoteImage> images) {
    return this.images.load(images);
  }

  /** API 1.0/1.1 delete: removes that one layer, leaving tags dangling and children orphaned. */
  public void deleteLayer(String name) {
    images.deleteLayer(name);
  }

  /** API 1.2 delete: untag, then prune (see {@link ImagePruner}). */
  public List<Deletion> untagAndPrune(String name) {
    return images.untagAndPrune(name);
  }

  /** The files of an image's layer in the engine's file system. */
  public Path layer(String imageId) {
    return images.layer(imageId);
  }

  /**
   * getCache: the ID of a child of {@code parentId} (compared exactly with the children's parent, {@code ""} for base
   * images) whose {@code container_config} equals {@code config} by CompareConfig.
   */
  public Optional<String> cachedChild(String parentId, Config config) {
    return images.cachedChild(parentId, config);
  }

  /** Searches the registry's index; an empty list when nothing matches. */
  public List<Registry.SearchResult> search(String term) {
    return RegistryAccess.search(registry, term == null ? "" : term);
  }

  /** Images by reference (registry hosts allowed), removal, tag pushes, credential checks, classic builds. */
  public ImageReferences references() {
    return references;
  }

  /** Images as files: save, load and import. */
  public ImageArchives imageArchives() {
    return imageArchives;
  }

  /** Prunes of containers, images and the build cache, and the image side of disk usage. */
  public Prunes prunes() {
    return prunes;
  }

  // ---------------------------------------------------------------- streamed operations

  /**
   * Pulls {@code name} ({@code tag} empty for every tag) from the registry, or, with {@code endpoint} set, the image
   * whose ID is {@code name} from that endpoint. Errors after the first message are thrown too; the caller knows from
   * its sink whether the stream had started.
   */
  public void pull(String name, String tag, String endpoint, ProgressSink sink) {
    images.pull(name, tag, endpoint, sink);
  }

  /**
   * {@link #pull} without progress, as a daemon pulls its fixtures' local names at start: the same images, tags,
   * sizes and events, but the layers' files are unpacked into this engine's file system only when first needed (a
   * container's file system, a save, a push), so a daemon whose test never looks inside them never pays for them.
   */
  public void pullPacked(String name, String tag) {
    images.pullPacked(name, tag);
  }

  /** Pushes a repository (or one image, by ID) to the registry with these credentials. */
  public void push(String name, String endpoint, AuthConfig auth, ProgressSink sink) {
    images.push(name, endpoint, auth, sink);
  }

  /**
   * Imports a tarball (plain, gzip, bzip2 or xz) from {@code body} when {@code src} is {@code -}, else from the URL
   * {@code src}. Returns the new image's short ID.
   */
  public String importImage(String src, InputStream body, String repo, String tag, ProgressSink sink) {
    return images.importImage(src, body, repo, tag, sink);
  }

  /** Adds the file at {@code url} to a new layer on {@code name} at {@code path}; returns the new short ID. */
  public String insert(String name, String url, String path, ProgressSink sink) {
    return images.insert(name, url, path, sink);
  }

  // ---------------------------------------------------------------- auth

  /**
   * Logs in to the index: registers a new account, or checks the password of an existing one. Returns the index's
   * status text, e.g. {@code Login Succeeded\n}.
   */
  public String login(AuthConfig auth) {
    return logins.login(auth, false);
  }

  /**
   * Logs in as API 1.0/1.1 did, keeping the credentials: a username equal to the stored one reuses the stored
   * password, and the credentials are stored on success (and on a wrong password); an empty email deletes them.
   */
  public String loginAndStore(AuthConfig auth) {
    return logins.login(auth, true);
  }

  /** The credentials POST /auth stored (API 1.0/1.1), or empty strings. */
  public AuthConfig storedAuth() {
    return logins.storedAuth();
  }

  // ---------------------------------------------------------------- containers

  /** Containers: create, start, stop, wait, attach, changes, export, commit. */
  /** Published ports: the listeners of running containers. */
  public Ports ports() {
    return ports;
  }

  public Containers containers() {
    return containers;
  }

  /** Pause, unpause, rename and top. */
  public ContainerControl control() {
    return control;
  }

  /** Files in and out of containers: stat, read as a tar, extract a tar. */
  public Archives archives() {
    return archives;
  }

  /** Networks: the predefined bridge, host and none, created networks, connect and disconnect. */
  public Networks networks() {
    return networks;
  }

  /** Named volumes on the daemon's in-memory file system. */
  public Volumes volumes() {
    return volumes;
  }

  /**
   * Builds from a Dockerfile and an optional context tar (plain or compressed), writing the era's raw build output.
   * Returns the new image's ID; throws on failure (the API prints {@code Error build: <message>}).
   */
  public String build(String dockerfile, byte[] contextTar, BuildOutput out) {
    return builds.build(dockerfile, contextTar, out);
  }

  /** Makes matching containers run this script instead of the built-in shell; the newest script wins. */
  public ScriptHandle script(io.mockdocker.script.ProcessMatch match, io.mockdocker.script.ProcessScript script) {
    return scripts.add(match, script);
  }

  public boolean removeScript(ScriptHandle handle) {
    return scripts.remove(handle);
  }

  /** Makes stats of matching containers report what this script says; the newest matching script wins. */
  public void script(io.mockdocker.script.ProcessMatch match, io.mockdocker.script.StatsScript script) {
    scripts.addStats(match, script);
  }

  /**
   * Paces and breaks matching transfers (pull and push layers, insert and import downloads, build steps) as the
   * script says; the newest matching script wins, else {@link TransferScript#DEFAULT}.
   */
  public TransferHandle script(TransferMatch match, TransferScript script) {
    return transferScripts.add(Objects.requireNonNull(match, "match"), Objects.requireNonNull(script, "script"));
  }

  public boolean removeScript(TransferHandle handle) {
    return transferScripts.remove(handle);
  }

  /** The registered transfer scripts, oldest first. */
  public List<TransferHandle> transferScripts() {
    return transferScripts.all();
  }

  // ---------------------------------------------------------------- info

  public int imageCount() {
    return images.count();
  }

  public int containerCount() {
    return store.count();
  }

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

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private Clock clock = Clock.system();
    private Registry registry = new Registry();
    private Random random = new SecureRandom();
    private Set<Capability> capabilities = EnumSet.of(Capability.MEMORY_LIMIT);
    private TarLimits tarLimits = TarLimits.DEFAULT;
    private io.mockdocker.HostFiles hostFiles = io.mockdocker.HostFiles.disk();
    private String version = VERSION;
    private String resolvConf = "";

    private Builder() {}

    /** Where host binds are read from (never written); {@link io.mockdocker.HostFiles#disk()} unless given. */
    public Builder hostFiles(io.mockdocker.HostFiles files) {
      this.hostFiles = Objects.requireNonNull(files);
      return this;
    }

    /** What one tar extraction may produce; {@link TarLimits#DEFAULT} unless given. */
    public Builder tarLimits(TarLimits limits) {
      this.tarLimits = Objects.requireNonNull(limits);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** The source of IDs; a seeded {@link Random} makes IDs repeat from run to run. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    public Builder capabilities(Set<Capability> capabilities) {
      this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
      return this;
    }

    /**
     * The daemon version this engine plays, recorded as {@code docker_version} in the images it makes (commit,
     * build, import, insert); {@link #VERSION} unless given.
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version);
      return this;
    }

    /**
     * The text of the daemon's own {@code /etc/resolv.conf}, kept in memory (the host's is never read); empty unless
     * given.
     */
    public Builder resolvConf(String text) {
      this.resolvConf = Objects.requireNonNull(text);
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }

}
