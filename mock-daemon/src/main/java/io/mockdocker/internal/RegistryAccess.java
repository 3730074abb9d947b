package io.mockdocker.internal;

import io.mockdocker.internal.engine.Image;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * What the engine reads and writes on the public {@link Registry} and {@link RemoteImage} that users do not: the
 * registry package installs its {@link Access} here when it is loaded (the pattern of {@link FaultWiring}). Internal;
 * not exported.
 */
public final class RegistryAccess {
  /** What the registry package lends the engine. */
  public interface Access {
    List<String> repositoryImages(Registry registry, String repository);

    List<String> ancestry(Registry registry, String id);

    byte[] download(Registry registry, String url);

    Registry.Account account(Registry registry, String username);

    boolean emailTaken(Registry registry, String email);

    List<Registry.SearchResult> search(Registry registry, String term);

    boolean receive(Registry registry, RemoteImage image);

    void receiveTag(Registry registry, String repository, String tag, String id);

    RemoteImage remoteImage(Image metadata, long declaredSize, byte[] layer);

    Image metadata(RemoteImage image);

    byte[] layerBytes(RemoteImage image);

    void open(Registry registry);

    void synthesize(Registry registry, String repository, String tag);
  }

  private static volatile Access access;

  private RegistryAccess() {}

  /** Called once, by {@code Registry} as it is initialised. */
  public static void install(Access installed) {
    access = installed;
  }

  /** The image IDs pushed to {@code repository}, tagged ones and their ancestors; null when it is unknown. */
  public static List<String> repositoryImages(Registry registry, String repository) {
    return access().repositoryImages(registry, repository);
  }

  /** The image and its ancestors' IDs, as the registry's {@code /images/<id>/ancestry}; null when unknown. */
  public static List<String> ancestry(Registry registry, String id) {
    return access().ancestry(registry, id);
  }

  /** The bytes served at {@code url}, or null. */
  public static byte[] download(Registry registry, String url) {
    return access().download(registry, url);
  }

  /** The account named {@code username}, or null. */
  public static Registry.Account account(Registry registry, String username) {
    return access().account(registry, username);
  }

  public static boolean emailTaken(Registry registry, String email) {
    return access().emailTaken(registry, email);
  }

  public static List<Registry.SearchResult> search(Registry registry, String term) {
    return access().search(registry, term);
  }

  /** Stores a pushed image unless the registry has it; returns false when it was already there. */
  public static boolean receive(Registry registry, RemoteImage image) {
    return access().receive(registry, image);
  }

  public static void receiveTag(Registry registry, String repository, String tag, String id) {
    access().receiveTag(registry, repository, tag, id);
  }

  /** A registry image made from an engine image (a push). */
  public static RemoteImage remoteImage(Image metadata, long declaredSize, byte[] layer) {
    return access().remoteImage(metadata, declaredSize, layer);
  }

  /** The image's JSON metadata as the engine models it. */
  public static Image metadata(RemoteImage image) {
    return access().metadata(image);
  }

  /** The layer as an uncompressed tar. */
  public static byte[] layerBytes(RemoteImage image) {
    return access().layerBytes(image);
  }

  /** Makes the registry open: any reference it does not hold is synthesised when a pull asks for it. */
  public static void open(Registry registry) {
    access().open(registry);
  }

  /**
   * Before a pull of {@code repository:tag} ({@code tag} empty: every tag): an open registry that does not hold it
   * makes a small image with the mini shell for it ({@code latest} for a repository it does not know at all).
   */
  public static void synthesize(Registry registry, String repository, String tag) {
    access().synthesize(registry, repository, tag);
  }

  private static Access access() {
    if (access == null) {
      try {
        MethodHandles.lookup().ensureInitialized(Registry.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return access;
  }
}
