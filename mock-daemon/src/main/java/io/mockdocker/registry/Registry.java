package io.mockdocker.registry;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.internal.engine.Image;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fake index and registry that pull, push, search and login talk to, plus a map of URLs to bytes that stands in
 * for the web (import from a URL, insert). Thread-safe.
 *
 * <p>A repository holds tags pointing at image IDs and the list of every image pushed to it (each tagged image and its
 * ancestors). Accounts are checked by login and push.
 */
public final class Registry {
  /** The index address the daemon printed in {@code Pulling repository … from …}. */
  public static final String DEFAULT_INDEX = "https://index.docker.io/v1";
  /** The registry endpoint the index handed out in {@code X-Docker-Endpoints}. */
  public static final String DEFAULT_ENDPOINT = "registry-1.docker.io";

  private final Map<String, RemoteImage> images = new HashMap<>();
  private final TreeMap<String, Repo> repositories = new TreeMap<>();
  private final TreeMap<String, Account> accounts = new TreeMap<>();
  private final Map<String, byte[]> urls = new HashMap<>();
  private volatile String indexAddress = DEFAULT_INDEX;
  private volatile String endpoint = DEFAULT_ENDPOINT;
  private volatile boolean open;

  /** A registry account. */
  public record Account(String username, String password, String email) {}

  /** A search result as the index gave it. */
  public record SearchResult(String name, String description) {}

  static {
    RegistryAccess.install(new RegistryAccess.Access() {
      @Override
      public List<String> repositoryImages(Registry registry, String repository) {
        return registry.repositoryImages(repository);
      }

      @Override
      public List<String> ancestry(Registry registry, String id) {
        return registry.ancestry(id);
      }

      @Override
      public byte[] download(Registry registry, String url) {
        return registry.download(url);
      }

      @Override
      public Account account(Registry registry, String username) {
        return registry.account(username);
      }

      @Override
      public boolean emailTaken(Registry registry, String email) {
        return registry.emailTaken(email);
      }

      @Override
      public List<SearchResult> search(Registry registry, String term) {
        return registry.search(term);
      }

      @Override
      public boolean receive(Registry registry, RemoteImage image) {
        return registry.receive(image);
      }

      @Override
      public void receiveTag(Registry registry, String repository, String tag, String id) {
        registry.receiveTag(repository, tag, id);
      }

      @Override
      public RemoteImage remoteImage(Image metadata, long declaredSize, byte[] layer) {
        return new RemoteImage(metadata, declaredSize, layer);
      }

      @Override
      public Image metadata(RemoteImage image) {
        return image.metadata();
      }

      @Override
      public byte[] layerBytes(RemoteImage image) {
        return image.layerBytes();
      }

      @Override
      public void open(Registry registry) {
        registry.open = true;
      }

      @Override
      public void synthesize(Registry registry, String repository, String tag) {
        registry.synthesize(repository, tag);
      }
    });
  }

  private static final class Repo {
    final TreeMap<String, String> tags = new TreeMap<>();
    final LinkedHashSet<String> images = new LinkedHashSet<>();
    String description = "";
  }

  public String indexAddress() {
    return indexAddress;
  }

  public Registry indexAddress(String address) {
    this.indexAddress = address;
    return this;
  }

  public String endpoint() {
    return endpoint;
  }

  public Registry endpoint(String endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  /** Stores an image (its parent should be stored too, before a pull needs it). */
  public synchronized Registry image(RemoteImage image) {
    images.put(image.id(), image);
    return this;
  }

  /**
   * Stores the images and tags {@code repository:tag} at the first (topmost) one; each must name its parent, which is
   * the next one or already stored. The repository's image list gains the whole chain.
   */
  public synchronized Registry push(String repository, String tag, RemoteImage... chain) {
    for (RemoteImage image : chain) {
      images.put(image.id(), image);
    }
    if (chain.length > 0) {
      tag(repository, tag, chain[0].id());
    }
    return this;
  }

  /** Points {@code repository:tag} at a stored image and adds its ancestry to the repository's image list. */
  public synchronized Registry tag(String repository, String tag, String imageId) {
    if (!images.containsKey(imageId)) {
      throw new IllegalArgumentException("the registry has no image " + imageId);
    }
    Repo repo = repositories.computeIfAbsent(repository, k -> new Repo());
    repo.tags.put(tag, imageId);
    repo.images.addAll(history(imageId));
    return this;
  }

  /** Sets the description that search shows for a repository. */
  public synchronized Registry describe(String repository, String description) {
    repositories.computeIfAbsent(repository, k -> new Repo()).description = description;
    return this;
  }

  public synchronized Registry account(String username, String password, String email) {
    accounts.put(username, new Account(username, password, email));
    return this;
  }

  /** Serves {@code bytes} at {@code url} (import from a URL, insert). */
  public synchronized Registry url(String url, byte[] bytes) {
    urls.put(url, bytes.clone());
    return this;
  }

  public synchronized Optional<RemoteImage> findImage(String id) {
    return Optional.ofNullable(images.get(id));
  }

  /** The tags of a repository, sorted, or empty when the index does not know it. */
  public synchronized Optional<Map<String, String>> tags(String repository) {
    Repo repo = repositories.get(repository);
    return repo == null ? Optional.empty() : Optional.of(new TreeMap<>(repo.tags));
  }

  public synchronized List<String> repositoryNames() {
    return List.copyOf(repositories.keySet());
  }

  public synchronized List<Account> accounts() {
    return List.copyOf(accounts.values());
  }

  // ---- what the daemon sees (package-private) ----

  synchronized List<String> repositoryImages(String repository) {
    Repo repo = repositories.get(repository);
    return repo == null ? null : new ArrayList<>(repo.images);
  }

  /** The image and its ancestors' IDs, as the registry's {@code /images/<id>/ancestry}; null when unknown. */
  synchronized List<String> ancestry(String id) {
    if (!images.containsKey(id)) {
      return null;
    }
    return history(id);
  }

  private List<String> history(String id) {
    List<String> chain = new ArrayList<>();
    String current = id;
    while (current != null && !current.isEmpty() && images.containsKey(current) && !chain.contains(current)) {
      chain.add(current);
      current = images.get(current).metadata().parent();
    }
    return chain;
  }

  synchronized byte[] download(String url) {
    return urls.get(url);
  }

  synchronized Account account(String username) {
    return accounts.get(username);
  }

  synchronized boolean emailTaken(String email) {
    return accounts.values().stream().anyMatch(a -> a.email().equals(email));
  }

  synchronized List<SearchResult> search(String term) {
    String needle = term.toLowerCase(Locale.ROOT);
    List<SearchResult> results = new ArrayList<>();
    repositories.forEach((name, repo) -> {
      if (name.toLowerCase(Locale.ROOT).contains(needle)
          || repo.description.toLowerCase(Locale.ROOT).contains(needle)) {
        results.add(new SearchResult(name, repo.description));
      }
    });
    return results;
  }

  /** Stores a pushed image unless the registry has it; returns false when it was already there. */
  synchronized boolean receive(RemoteImage image) {
    return images.putIfAbsent(image.id(), image) == null;
  }

  /**
   * In an open registry, makes {@code repository:tag} exist when it does not: one layer with the mini shell's files
   * ({@code /bin/sh}, {@code /bin/busybox}, {@code /etc/passwd}, {@code /etc/hostname}, {@code /tmp}) whose command
   * sleeps until the container is stopped, with an ID derived from the reference so that it is the same on every run.
   */
  synchronized void synthesize(String repository, String tag) {
    if (!open) {
      return;
    }
    Repo repo = repositories.get(repository);
    String wanted = tag.isEmpty() ? "latest" : tag;
    if (repo != null && (tag.isEmpty() || repo.tags.containsKey(tag))) {
      return;
    }
    String id = OpenImages.id(repository, wanted);
    if (!images.containsKey(id)) {
      images.put(id, OpenImages.image(id, repository, wanted));
    }
    tag(repository, wanted, id);
  }

  synchronized void receiveTag(String repository, String tag, String id) {
    tag(repository, tag, id);
  }
}
