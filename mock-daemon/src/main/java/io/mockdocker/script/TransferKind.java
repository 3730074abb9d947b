package io.mockdocker.script;

/** The engine's streamed transfers, each reported with the era's progress messages (or, for build, its steps). */
public enum TransferKind {
  /** A layer downloaded by {@code POST /images/create?fromImage=…} (and by a build's FROM). */
  PULL,
  /** A layer uploaded by {@code POST /images/(name)/push}. */
  PUSH,
  /** The file {@code POST /images/(name)/insert} downloads. */
  INSERT,
  /** The tarball {@code POST /images/create?fromSrc=URL} downloads. */
  IMPORT,
  /** One step of {@code POST /build} (a step has no bytes: only its events at 0 apply). */
  BUILD
}
