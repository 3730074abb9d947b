package io.mockdocker.junit;

/** What happens to a daemon shared by a test class between its tests. */
public enum ResetPolicy {
  /**
   * Before each test, {@code MockDocker.reset()}: the images, tags, containers and registry return to the fixtures
   * and the journal empties, on the same port. State set up in {@code @BeforeAll} is gone by the first test.
   */
  EACH_TEST,
  /** Nothing: each test sees what the tests before it left. */
  NEVER
}
