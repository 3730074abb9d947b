package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.TarLimits;
import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The daemon's state and behaviour, independent of HTTP and of API versions: the image graph with its layers on a
 * private jimfs file system, the tag store, the containers, stored credentials, and the {@link Registry} that pull,
 * push, search and login talk to. Thread-safe: one lock guards the graph, the tags and the containers; long transfers
 * run outside it. Its parts are wired in {@link EngineParts}; the builder's settings are an {@link EngineSettings}.
 */
public final class Engine implements AutoCloseable {
  /** The daemon version an engine plays unless its builder names another ({@link Builder#version}). */
  public static final String VERSION = "0.4.4";
  public static final String GIT_COMMIT = "02f0c1e";
  public static final String GO_VERSION = "go1.1.1";

  private final EngineParts parts;

  private Engine(EngineSettings settings) {
    this.parts = new EngineParts(settings);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Clock clock() {
    return parts.clock;
  }

  /** The text of the daemon's {@code /etc/resolv.conf} ({@link Builder#resolvConf}); empty unless given. */
  public String resolvConf() {
    return parts.resolvConf;
  }

  /** The event log: container and image events with a bounded history. */
  public Events events() {
    return parts.events;
  }

  public Registry registry() {
    return parts.registry;
  }

  public Set<Capability> capabilities() {
    return parts.capabilities;
  }

  // ---------------------------------------------------------------- images

  /** The image list: every {@code repo:tag} pair, then the untagged images that are heads (no image's parent). */
  public List<ImageListing> images() {
    return parts.images.list(false, "");
  }

  /** The image list with every untagged image, intermediate layers too ({@code all=1}). */
  public List<ImageListing> imagesWithIntermediates() {
    return parts.images.list(true, "");
  }

  /** The image list of one repository: its {@code repo:tag} pairs only. */
  public List<ImageListing> images(String repository) {
    return parts.images.list(false, Objects.requireNonNull(repository, "repository"));
  }

  /** Every image in the graph. */
  public List<Image> allImages() {
    return parts.images.all();
  }

  /** The {@code repo:tag} names of each tagged image ID, each list sorted. */
  public Map<String, List<String>> namesById() {
    return parts.images.namesById();
  }

  /** Repository to (tag to image ID). */
  public Map<String, Map<String, String>> repositories() {
    return parts.images.repositories();
  }

  /** Image inspect: {@code No such image: <name>} when the name resolves to nothing. */
  public Image inspectImage(String name) {
    return parts.images.inspect(name);
  }

  /** Resolves a name as the daemon's LookupImage, or empty. */
  public Optional<Image> findImage(String name) {
    return parts.images.find(name);
  }

  /** The image and its ancestors with their names; {@code Image does not exist: <name>} when unknown. */
  public List<HistoryEntry> history(String name) {
    return parts.images.history(name);
  }

  /** Points {@code repo:tag} at the image {@code name} resolves to; the tag defaults to {@code latest}. */
  public void tag(String name, String repo, String tag) {
    parts.images.tag(name, repo, tag);
  }

  /**
   * Makes images local as a pull would have left them (layer unpacked, size = declared size plus the layer walk), but
   * straight from memory: no registry, no progress stream, no HTTP. The fast path for large fixtures and benchmarks.
   * Each image's parent must be local already or come earlier in the list; an image already present is
   * {@code Image <id> already exists}. Returns the registered images, in order.
   */
  public List<Image> load(List<RemoteImage> images) {
    return parts.images.load(images);
  }

  /** API 1.0/1.1 delete: removes that one layer, leaving tags dangling and children orphaned. */
  public void deleteLayer(String name) {
    parts.images.deleteLayer(name);
  }

  /** API 1.2 delete: untag, then prune (see {@link ImagePruner}). */
  public List<Deletion> untagAndPrune(String name) {
    return parts.images.untagAndPrune(name);
  }

  /** The files of an image's layer in the engine's file system. */
  public Path layer(String imageId) {
    return parts.images.layer(imageId);
  }

  /**
   * getCache: the ID of a child of {@code parentId} (compared exactly with the children's parent, {@code ""} for base
   * images) whose {@code container_config} equals {@code config} by CompareConfig.
   */
  public Optional<String> cachedChild(String parentId, Config config) {
    return parts.images.cachedChild(parentId, config);
  }

  /** Searches the registry's index; an empty list when nothing matches. */
  public List<Registry.SearchResult> search(String term) {
    return RegistryAccess.search(parts.registry, term == null ? "" : term);
  }

  /** Images by reference (registry hosts allowed), removal, tag pushes, credential checks, classic builds. */
  public ImageReferences references() {
    return parts.references;
  }

  /** Images as files: save, load and import. */
  public ImageArchives imageArchives() {
    return parts.imageArchives;
  }

  /** Prunes of containers, images and the build cache, and the image side of disk usage. */
  public Prunes prunes() {
    return parts.prunes;
  }

  // ---------------------------------------------------------------- streamed operations

  /**
   * Pulls {@code name} ({@code tag} empty for every tag) from the registry, or, with {@code endpoint} set, the image
   * whose ID is {@code name} from that endpoint. Errors after the first message are thrown too; the caller knows from
   * its sink whether the stream had started.
   */
  public void pull(String name, String tag, String endpoint, ProgressSink sink) {
    parts.images.pull(name, tag, endpoint, sink);
  }

  /**
   * {@link #pull} without progress, as a daemon pulls its fixtures' local names at start: the same images, tags,
   * sizes and events, but the layers' files are unpacked into this engine's file system only when first needed (a
   * container's file system, a save, a push), so a daemon whose test never looks inside them never pays for them.
   */
  public void pullPacked(String name, String tag) {
    parts.images.pullPacked(name, tag);
  }

  /** Pushes a repository (or one image, by ID) to the registry with these credentials. */
  public void push(String name, String endpoint, AuthConfig auth, ProgressSink sink) {
    parts.images.push(name, endpoint, auth, sink);
  }

  /**
   * Imports a tarball (plain, gzip, bzip2 or xz) from {@code body} when {@code src} is {@code -}, else from the URL
   * {@code src}. Returns the new image's short ID.
   */
  public String importImage(String src, InputStream body, String repo, String tag, ProgressSink sink) {
    return parts.images.importImage(src, body, repo, tag, sink);
  }

  /** Adds the file at {@code url} to a new layer on {@code name} at {@code path}; returns the new short ID. */
  public String insert(String name, String url, String path, ProgressSink sink) {
    return parts.images.insert(name, url, path, sink);
  }

  // ---------------------------------------------------------------- auth

  /**
   * Logs in to the index: registers a new account, or checks the password of an existing one. Returns the index's
   * status text, e.g. {@code Login Succeeded\n}.
   */
  public String login(AuthConfig auth) {
    return parts.logins.login(auth, false);
  }

  /**
   * Logs in as API 1.0/1.1 did, keeping the credentials: a username equal to the stored one reuses the stored
   * password, and the credentials are stored on success (and on a wrong password); an empty email deletes them.
   */
  public String loginAndStore(AuthConfig auth) {
    return parts.logins.login(auth, true);
  }

  /** The credentials POST /auth stored (API 1.0/1.1), or empty strings. */
  public AuthConfig storedAuth() {
    return parts.logins.storedAuth();
  }

  // ---------------------------------------------------------------- containers

  /** Published ports: the listeners of running containers. */
  public Ports ports() {
    return parts.ports;
  }

  /** Containers: create, start, stop, wait, attach, changes, export, commit. */
  public Containers containers() {
    return parts.containers;
  }

  /** Pause, unpause, rename and top. */
  public ContainerControl control() {
    return parts.control;
  }

  /** Files in and out of containers: stat, read as a tar, extract a tar. */
  public Archives archives() {
    return parts.archives;
  }

  /** Networks: the predefined bridge, host and none, created networks, connect and disconnect. */
  public Networks networks() {
    return parts.networks;
  }

  /** Named volumes on the daemon's in-memory file system. */
  public Volumes volumes() {
    return parts.volumes;
  }

  /**
   * Builds from a Dockerfile and an optional context tar (plain or compressed), writing the era's raw build output.
   * Returns the new image's ID; throws on failure (the API prints {@code Error build: <message>}).
   */
  public String build(String dockerfile, byte[] contextTar, BuildOutput out) {
    return parts.builds.build(dockerfile, contextTar, out);
  }

  /** Makes matching containers run this script instead of the built-in shell; the newest script wins. */
  public ScriptHandle script(io.mockdocker.script.ProcessMatch match, io.mockdocker.script.ProcessScript script) {
    return parts.scripts.add(match, script);
  }

  public boolean removeScript(ScriptHandle handle) {
    return parts.scripts.remove(handle);
  }

  /** Makes stats of matching containers report what this script says; the newest matching script wins. */
  public void script(io.mockdocker.script.ProcessMatch match, io.mockdocker.script.StatsScript script) {
    parts.scripts.addStats(match, script);
  }

  /**
   * Paces and breaks matching transfers (pull and push layers, insert and import downloads, build steps) as the
   * script says; the newest matching script wins, else {@link TransferScript#DEFAULT}.
   */
  public TransferHandle script(TransferMatch match, TransferScript script) {
    return parts.transferScripts.add(Objects.requireNonNull(match, "match"), Objects.requireNonNull(script, "script"));
  }

  public boolean removeScript(TransferHandle handle) {
    return parts.transferScripts.remove(handle);
  }

  /** The registered transfer scripts, oldest first. */
  public List<TransferHandle> transferScripts() {
    return parts.transferScripts.all();
  }

  // ---------------------------------------------------------------- info

  public int imageCount() {
    return parts.images.count();
  }

  public int containerCount() {
    return parts.store.count();
  }

  @Override
  public void close() {
    parts.close();
  }

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private final EngineSettings settings = new EngineSettings();

    private Builder() {}

    /** Where host binds are read from (never written); {@link io.mockdocker.HostFiles#disk()} unless given. */
    public Builder hostFiles(io.mockdocker.HostFiles files) {
      settings.hostFiles = Objects.requireNonNull(files);
      return this;
    }

    /** What one tar extraction may produce; {@link TarLimits#DEFAULT} unless given. */
    public Builder tarLimits(TarLimits limits) {
      settings.tarLimits = Objects.requireNonNull(limits);
      return this;
    }

    public Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder registry(Registry registry) {
      settings.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** The source of IDs; a seeded {@link Random} makes IDs repeat from run to run. */
    public Builder random(Random random) {
      settings.random = Objects.requireNonNull(random);
      return this;
    }

    public Builder capabilities(Set<Capability> capabilities) {
      settings.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
      return this;
    }

    /**
     * The daemon version this engine plays, recorded as {@code docker_version} in the images it makes (commit,
     * build, import, insert); {@link #VERSION} unless given.
     */
    public Builder version(String version) {
      settings.version = Objects.requireNonNull(version);
      return this;
    }

    /**
     * The text of the daemon's own {@code /etc/resolv.conf}, kept in memory (the host's is never read); empty unless
     * given.
     */
    public Builder resolvConf(String text) {
      settings.resolvConf = Objects.requireNonNull(text);
      return this;
    }

    public Engine build() {
      return new Engine(settings);
    }
  }

}
