package io.mockdocker.internal.engine;

/**
 * The registry does not know the repository (or the tag in it) a pull asked for. Carries the era's message; views
 * that word it otherwise read {@link #repository()}, {@link #tag()} and {@link #tagMissing()}.
 */
public final class NotInRegistry extends DockerException {
  private static final long serialVersionUID = 1L;
  private final String repository;
  private final String tag;
  private final boolean tagMissing;

  NotInRegistry(String message, String repository, String tag, boolean tagMissing) {
    super(message);
    this.repository = repository;
    this.tag = tag;
    this.tagMissing = tagMissing;
  }

  public String repository() {
    return repository;
  }

  public String tag() {
    return tag;
  }

  /** True when the repository exists but has no such tag. */
  public boolean tagMissing() {
    return tagMissing;
  }
}
