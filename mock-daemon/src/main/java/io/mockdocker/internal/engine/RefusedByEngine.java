package io.mockdocker.internal.engine;

import java.util.List;

/**
 * A refusal with a reason a view words itself: the engine's message is neutral, {@link #reason()} and
 * {@link #subjects()} carry what the wording needs (a repository, an image ID, a container ID).
 */
public final class RefusedByEngine extends DockerException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** Push: nothing local has that name and tag. Subjects: the name. */
    NO_LOCAL_TAG,
    /** Push: the registry refuses these credentials for the repository. Subjects: the repository. */
    ACCESS_DENIED,
    /** Login: unknown account or wrong password. Subjects: the username. */
    BAD_CREDENTIALS,
    /** Image removal: a container uses the image. Subjects: the reference, the container ID, the image ID, running. */
    IN_USE,
    /** Image removal by ID: several repositories name it. Subjects: the image ID. */
    MULTIPLE_REPOSITORIES,
    /** Image removal: other images are built on it. Subjects: the image ID. */
    HAS_CHILDREN,
    /** Build: a RUN step's command failed. Subjects: the command as a shell string, the exit code. */
    STEP_FAILED
  }

  private final Reason reason;
  private final List<String> subjects;

  RefusedByEngine(Reason reason, String message, String... subjects) {
    super(message);
    this.reason = reason;
    this.subjects = List.of(subjects);
  }

  public Reason reason() {
    return reason;
  }

  public List<String> subjects() {
    return subjects;
  }
}
