package io.mockdocker.internal.http;

/** Where a push's {@code Pushing tags for rev [ID] on {…}} says it puts a tag, after the endpoint. */
public enum EraTagPath {
  /** {@code /users/NAME/TAG} (before 0.4.3). */
  USERS,
  /** {@code /repositories/NAME/tags/TAG}. */
  REPOSITORIES;

  /** The path for {@code repository} and {@code tag}. */
  public String of(String repository, String tag) {
    return this == USERS ? "/users/" + repository + "/" + tag : "/repositories/" + repository + "/tags/" + tag;
  }
}
