package io.mockdocker.engine;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The container half of the daemon: create with the era's checks, inspect and list, the lifecycle (start, stop with
 * its timeout, restart, kill, wait), remove, changes, export, commit and attach. Obtained from
 * {@link Engine#containers()}; names are unique ID prefixes, and an unknown one is {@code No such container: <name>}.
 */
public final class Containers {
  private final Engine engine;
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final ExecutorService threads;

  Containers(Engine engine, ContainerStore store, ContainerRuntime runtime, ExecutorService threads) {
    this.engine = engine;
    this.store = store;
    this.runtime = runtime;
    this.threads = threads;
  }

  /**
   * Creates a container: the memory check, the image lookup ({@code No such image: <Image>}), the merge with the
   * image's config, {@code No command specified}. Returns the short ID and the warnings.
   */
  public ContainerCreated create(Config config) {
    List<String> warnings = new ArrayList<>();
    LiveContainer c = engine.locked(() -> store.create(config, warnings));
    return new ContainerCreated(Ids.shortId(c.id), List.copyOf(warnings));
  }

  /** Inspect: {@code No such container: <name>} when no unique ID prefix matches. */
  public Container inspect(String name) {
    return store.get(name).snapshot();
  }

  /** Every container, newest first. */
  public List<Container> all() {
    List<Container> out = new ArrayList<>();
    for (LiveContainer c : store.all()) {
      out.add(c.snapshot());
    }
    return out;
  }

  /**
   * The container list as {@code GET /containers/json} computed it (ENDPOINTS.md §3.1): newest first; stopped ones
   * skipped only when {@code all} is false, {@code limit} is -1 and {@code since}/{@code before} are empty;
   * {@code before}/{@code since} compared with short IDs.
   */
  public List<ContainerListing> list(boolean all, int limit, String since, String before) {
    List<ContainerListing> out = new ArrayList<>();
    boolean foundBefore = false;
    int displayed = 0;
    Map<String, List<String>> names = engine.namesById();
    for (LiveContainer c : store.all()) {
      Container snap = c.snapshot();
      if (!snap.state().running() && !all && limit == -1 && since.isEmpty() && before.isEmpty()) {
        continue;
      }
      if (!before.isEmpty()) {
        if (snap.shortId().equals(before)) {
          foundBefore = true;
          continue;
        }
        if (!foundBefore) {
          continue;
        }
      }
      if (displayed == limit) {
        break;
      }
      if (snap.shortId().equals(since)) {
        break;
      }
      displayed++;
      List<String> imageNames = names.get(snap.image());
      String image = imageNames == null || imageNames.isEmpty() ? Ids.shortId(snap.image()) : imageNames.get(0);
      long[] sizes = store.sizes(c);
      out.add(new ContainerListing(snap, image, status(snap.state()), sizes[0], sizes[1]));
    }
    return out;
  }

  private String status(ContainerState state) {
    if (state.running()) {
      if (state.ghost()) {
        return "Ghost";
      }
      return "Up " + HumanUnits.duration(java.time.Duration.between(state.startedAt().toInstant(), engine.clock.now()));
    }
    return "Exit " + state.exitCode();
  }

  public void start(String name) {
    LiveContainer c = store.get(name);
    try {
      runtime.start(c);
    } catch (DockerException | UncheckedIOException e) {
      if (String.valueOf(e.getMessage()).startsWith("No such container")) {
        // removed between the lookup and the start: the answer it would have had a moment later
        throw new DockerException("No such container: " + name, e);
      }
      throw new DockerException("Error starting container " + name + ": " + e.getMessage(), e);
    }
  }

  public void stop(String name, int seconds) {
    LiveContainer c = store.get(name);
    try {
      runtime.stop(c, seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("Error stopping container " + name + ": interrupted", e);
    }
  }

  public void restart(String name, int seconds) {
    LiveContainer c = store.get(name);
    try {
      runtime.restart(c, seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("Error restarting container " + name + ": interrupted", e);
    } catch (DockerException | UncheckedIOException e) {
      throw new DockerException("Error restarting container " + name + ": " + e.getMessage(), e);
    }
  }

  public void kill(String name) {
    runtime.kill(store.get(name));
  }

  /** Blocks until the container is not running; its exit code. */
  public int await(String name) {
    LiveContainer c = store.get(name);
    try {
      return runtime.await(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("interrupted", e);
    }
  }

  /** Removes a stopped container ({@code Impossible to remove a running container…} otherwise). */
  public void remove(String name) {
    store.remove(name);
  }

  /** The resize the daemon could never finish: its error for this container's state (ENDPOINTS.md §3.1). */
  public void resize(String name) {
    store.resize(store.get(name));
  }

  /** The container's file-system diff, in walk order; empty when nothing changed. */
  public List<Change> changes(String name) {
    return store.changes(store.get(name));
  }

  /** Streams the container's root file system as an uncompressed tar. */
  public void export(String name, java.io.OutputStream out) throws java.io.IOException {
    store.export(store.get(name), out);
  }

  /** Commits the container's changes as a new image; returns it. Tags it {@code repo:tag} when repo is set. */
  public Image commit(String name, String repo, String tag, String comment, String author, Config runConfig) {
    return store.commit(store.get(name), repo, tag, comment, author, runConfig);
  }

  /**
   * Attaches to a container over the given streams until the attach ends (ENDPOINTS.md §2.4). Errors after the
   * start (a ghost container) are thrown for the caller to write into the raw stream.
   */
  public void attach(String name, AttachOptions options, java.io.InputStream in, java.io.OutputStream out)
      throws java.io.IOException, InterruptedException {
    new AttachSession(store.get(name), options, in, out, threads).run();
  }

  /** Checks that a container exists ({@code No such container: <name>}). */
  public void require(String name) {
    store.get(name);
  }
}
