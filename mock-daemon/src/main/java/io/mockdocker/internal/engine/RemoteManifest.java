package io.mockdocker.internal.engine;

/**
 * A tag's manifest as the registry would serve it, read without pulling: the manifest (digest and length) and the
 * architecture written in the image's config ({@code ""} when it names none).
 */
public record RemoteManifest(Manifest manifest, String architecture) {}
