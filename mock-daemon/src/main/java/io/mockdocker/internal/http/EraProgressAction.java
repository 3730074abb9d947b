package io.mockdocker.internal.http;

/** How a progress message names its action ({@code Downloading}, {@code Importing}, {@code Pushing}). */
public enum EraProgressAction {
  /** Raw text only (API 1.0): the action word, none at all for a push (0.3.3). */
  WORD_EXCEPT_PUSH,
  /**
   * A JSON message holds only {@code progress}, no {@code status}; raw text has the word, and an empty one for a push
   * (so a leading space) (0.4.0).
   */
  PROGRESS_ONLY,
  /** JSON {@code {"status":"Downloading","progress":…}}; raw text {@code Downloading …} (0.4.1 and later). */
  STATUS;

  /** The raw text of a progress update, before its {@code \r}. */
  public String raw(String action, String progress) {
    if (action.equals("Pushing") && this != STATUS) {
      return this == WORD_EXCEPT_PUSH ? progress : " " + progress;
    }
    return action + " " + progress;
  }

  /** Whether a JSON progress message carries the action as its {@code status}. */
  public boolean jsonStatus() {
    return this == STATUS;
  }
}
