package io.mockdocker.engine;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The daemon's state and behaviour, independent of HTTP and of API versions: the image graph with its layers on a
 * private jimfs file system, the tag store, the containers, stored credentials, and the {@link Registry} that pull,
 * push, search and login talk to. Thread-safe: one lock guards the graph, the tags and the containers; long transfers
 * run outside it.
 */
public final class Engine implements AutoCloseable {
  /** The daemon version this engine plays. */
  public static final String VERSION = "0.4.4";
  public static final String GIT_COMMIT = "02f0c1e";
  public static final String GO_VERSION = "go1.1.1";

  final ReentrantLock lock = new ReentrantLock();
  final FileSystem fs;
  final ImageGraph graph;
  final TagStore tags;
  final Registry registry;
  final Clock clock;
  final Ids ids;
  final Set<Capability> capabilities;
  final Bridge bridge = new Bridge();
  final ContainerStore store;
  private final Containers containerApi;
  final ContainerRuntime runtime;
  final Events events;
  final Execs execs;
  final ProcessScripts scripts = new ProcessScripts();
  final TransferScripts transferScripts = new TransferScripts();
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
  final LayerStaging layers;
  private final ExecutorService threads;
  private final OperationPools pools = new OperationPools();
  private AuthConfig storedAuth;
  final RepoDigests digests = new RepoDigests();

  private Engine(Builder b) {
    this.clock = b.clock;
    this.registry = b.registry;
    this.ids = new Ids(b.random);
    this.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(b.capabilities));
    this.fs = Jimfs.newFileSystem("mock-docker-" + Integer.toHexString(System.identityHashCode(this)),
        Configuration.unix());
    this.graph = new ImageGraph(fs.getPath("/var/lib/docker/graph"));
    this.tags = new TagStore(graph);
    this.layers = new LayerStaging(graph, ids, b.tarLimits);
    this.threads = Executors.newCachedThreadPool(new ProcessThreads());
    this.store = new ContainerStore(this, fs.getPath("/var/lib/docker/containers"));
    this.runtime = new ContainerRuntime(this, threads);
    this.events = new Events(clock);
    this.execs = new Execs(this, threads);
    this.containerApi = new Containers(this, store, runtime, threads);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Clock clock() {
    return clock;
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

  /** The current time on the engine's clock, in its zone. */
  OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.now(), clock.zone());
  }

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- images

  /**
   * The image list: every {@code repo:tag} pair (with {@code filter}, only that repository's), then, without a
   * filter, the untagged images: heads only, or every one when {@code all}.
   */
  public List<ImageListing> images(boolean all, String filter) {
    return locked(() -> ImageListings.list(graph, tags, all, filter));
  }

  /** Every image in the graph. */
  public List<Image> allImages() {
    return locked(() -> new ArrayList<>(graph.all()));
  }

  /** The {@code repo:tag} names of each tagged image ID, each list sorted. */
  public Map<String, List<String>> namesById() {
    return locked(tags::byId);
  }

  /** Repository to (tag to image ID). */
  public Map<String, Map<String, String>> repositories() {
    return locked(tags::snapshot);
  }

  /** Image inspect: {@code No such image: <name>} when the name resolves to nothing. */
  public Image inspectImage(String name) {
    return locked(() -> {
      Image image = tags.lookupOrNull(name);
      if (image == null) {
        throw new DockerException("No such image: " + name);
      }
      return image;
    });
  }

  /** Resolves a name as the daemon's LookupImage, or empty. */
  public Optional<Image> findImage(String name) {
    return Optional.ofNullable(locked(() -> tags.lookupOrNull(name)));
  }

  /** The image and its ancestors with their names; {@code Image does not exist: <name>} when unknown. */
  public List<HistoryEntry> history(String name) {
    return locked(() -> {
      Image image = tags.lookup(name);
      Map<String, List<String>> names = tags.byId();
      List<HistoryEntry> out = new ArrayList<>();
      for (Image layer : graph.history(image)) {
        out.add(new HistoryEntry(layer, names.getOrDefault(layer.id(), List.of())));
      }
      return out;
    });
  }

  /** Points {@code repo:tag} at the image {@code name} resolves to; the tag defaults to {@code latest}. */
  public void tag(String name, String repo, String tag) {
    String id = locked(() -> {
      tags.set(repo, tag, name);
      Image image = tags.lookupOrNull(name);
      return image == null ? name : image.id();
    });
    String ref = repo + ":" + (tag == null || tag.isEmpty() ? "latest" : tag);
    events.emit("image", "tag", id, Map.of("name", ref));
  }

  /**
   * Makes images local as a pull would have left them (layer unpacked, size = declared size plus the layer walk), but
   * straight from memory: no registry, no progress stream, no HTTP. The fast path for large fixtures and benchmarks.
   * Each image's parent must be local already or come earlier in the list; an image already present is
   * {@code Image <id> already exists}. Returns the registered images, in order.
   */
  public List<Image> load(List<RemoteImage> images) {
    return ImageLoader.load(this, images);
  }

  /** API 1.0/1.1 delete: removes that one layer, leaving tags dangling and children orphaned. */
  public void deleteLayer(String name) {
    locked(() -> {
      Image image = tags.lookupOrNull(name);
      if (image == null) {
        throw new DockerException("No such image: " + name);
      }
      graph.delete(image.id());
      return null;
    });
    events.emit("image", "delete", name, Map.of("name", name));
  }

  /** API 1.2 delete: untag, then prune (see {@link ImagePruner}). */
  public List<Deletion> untagAndPrune(String name) {
    List<Deletion> deletions = locked(() -> new ImagePruner(graph, tags).delete(name));
    for (Deletion d : deletions) {
      events.emit("image", d.kind() == Deletion.Kind.UNTAGGED ? "untag" : "delete", d.shortId(),
          Map.of("name", name));
    }
    return deletions;
  }

  /** The files of an image's layer in the engine's file system. */
  public Path layer(String imageId) {
    return graph.layerDir(imageId);
  }

  /**
   * getCache: the ID of a child of {@code parentId} (compared exactly with the children's parent, {@code ""} for base
   * images) whose {@code container_config} equals {@code config} by CompareConfig.
   */
  public Optional<String> cachedChild(String parentId, Config config) {
    return Optional.ofNullable(locked(() -> {
      for (Image image : graph.all()) {
        if (image.parent().equals(parentId) && Configs.sameForCache(image.containerConfig(), config)) {
          return image.id();
        }
      }
      return null;
    }));
  }

  /** Searches the registry's index; an empty list when nothing matches. */
  public List<Registry.SearchResult> search(String term) {
    return registry.search(term == null ? "" : term);
  }

  /** Images by reference (registry hosts allowed), removal, tag pushes, credential checks, classic builds. */
  public ImageReferences references() {
    return new ImageReferences(this);
  }

  // ---------------------------------------------------------------- streamed operations

  /**
   * Pulls {@code name} ({@code tag} empty for every tag) from the registry, or, with {@code endpoint} set, the image
   * whose ID is {@code name} from that endpoint. Errors after the first message are thrown too; the caller knows from
   * its sink whether the stream had started.
   */
  public void pull(String name, String tag, String endpoint, ProgressSink sink) {
    new PullOperation(this, sink).run(name, tag == null ? "" : tag, endpoint == null ? "" : endpoint);
    String ref = tag == null || tag.isEmpty() ? name : name + ":" + tag;
    events.emit("image", "pull", ref, Map.of("name", name));
  }

  /** Pushes a repository (or one image, by ID) to the registry with these credentials. */
  public void push(String name, String endpoint, AuthConfig auth, ProgressSink sink) {
    new PushOperation(this, sink).run(name, endpoint == null ? "" : endpoint, auth);
    events.emit("image", "push", name, Map.of("name", name));
  }

  /**
   * Imports a tarball (plain, gzip, bzip2 or xz) from {@code body} when {@code src} is {@code -}, else from the URL
   * {@code src}. Returns the new image's short ID.
   */
  public String importImage(String src, InputStream body, String repo, String tag, ProgressSink sink) {
    return new ImportOperation(this, sink).run(src, body, repo, tag);
  }

  /** Adds the file at {@code url} to a new layer on {@code name} at {@code path}; returns the new short ID. */
  public String insert(String name, String url, String path, ProgressSink sink) {
    return new InsertOperation(this, sink).run(name, url, path);
  }

  void poolAdd(String kind, String key) {
    pools.add(kind, key);
  }

  void poolRemove(String kind, String key) {
    pools.remove(kind, key);
  }

  // ---------------------------------------------------------------- auth

  /**
   * Logs in to the index. With {@code store} (API 1.0/1.1), a username equal to the stored one reuses the stored
   * password, and the credentials are stored on success (and on a wrong password); an empty email deletes them.
   * Returns the index's status text, e.g. {@code Login Succeeded\n}.
   */
  public String login(AuthConfig auth, boolean store) {
    return Logins.login(this, auth, store);
  }

  /** The credentials POST /auth stored (API 1.0/1.1), or empty strings. */
  public AuthConfig storedAuth() {
    synchronized (this) {
      return storedAuth == null ? AuthConfig.EMPTY : storedAuth;
    }
  }

  synchronized void storeAuth(AuthConfig auth) {
    storedAuth = auth.email().isEmpty() ? null : auth;
  }

  // ---------------------------------------------------------------- containers

  /** Containers: create, start, stop, wait, attach, changes, export, commit. */
  public Containers containers() {
    return containerApi;
  }

  /**
   * Builds from a Dockerfile and an optional context tar (plain or compressed), writing the era's raw build output.
   * Returns the new image's ID; throws on failure (the API prints {@code Error build: <message>}).
   */
  public String build(String dockerfile, byte[] contextTar, BuildOutput out) {
    Path context = contextTar == null ? null : layers.untar(contextTar);
    try {
      return new BuildOperation(this, out, context).build(dockerfile);
    } finally {
      if (context != null) {
        layers.discard(context);
      }
    }
  }

  /** Makes matching containers run this script instead of the built-in shell; the newest script wins. */
  public ScriptHandle script(io.mockdocker.script.ProcessMatch match, io.mockdocker.script.ProcessScript script) {
    return scripts.add(match, script);
  }

  public boolean removeScript(ScriptHandle handle) {
    return scripts.remove(handle);
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

  /** Blocks until the engine is closed (a scripted transfer that stops waits here). */
  void awaitClose() throws InterruptedException {
    closed.await();
  }

  // ---------------------------------------------------------------- info

  public int imageCount() {
    return locked(graph::count);
  }

  public int containerCount() {
    return store.count();
  }

  @Override
  public void close() {
    closed.countDown();
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

    private Builder() {}

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

    public Engine build() {
      return new Engine(this);
    }
  }

}
