package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Clock;
import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.reporting.ReportEntry;

/** What a failing test shows: the daemon's journal, as a suppressed exception and as a report entry. */
class FailureReportTest {

  /** The journal lines with their durations blanked, which vary from run to run. */
  static String normalized(String text) {
    return text.replaceAll(" \\d+ms", " Nms").replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
  }

  @Test
  void a_failed_test_carries_the_journal_as_a_suppressed_exception() {
    Launch launch = Launch.run(Map.of(), FailingCase.class);
    Throwable failure = launch.tests().get(0).failure().orElseThrow();
    assertThat(failure).hasMessage("the deployer did not deploy");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).isInstanceOf(MockDockerExtension.RequestJournalReport.class);
    assertThat(normalized(failure.getSuppressed()[0].getMessage())).isEqualTo(
        "requests seen by mock-docker http://127.0.0.1:PORT request journal (2 requests)\n"
            + "  12:00:00.000 GET /v1.2/version 200 Nms\n"
            + "  12:00:00.000 GET /v1.2/no/such/route 404 Nms [unmatched]");
  }

  @Test
  void a_failed_test_publishes_the_journal_as_a_report_entry() {
    Launch launch = Launch.run(Map.of(), FailingCase.class);
    assertThat(launch.entries).hasSize(1);
    ReportEntry entry = launch.entries.get(0);
    assertThat(entry.getKeyValuePairs().keySet()).containsExactly("mock-docker");
    assertThat(normalized(entry.getKeyValuePairs().get("mock-docker"))).isEqualTo(
        "http://127.0.0.1:PORT request journal (2 requests)\n"
            + "  12:00:00.000 GET /v1.2/version 200 Nms\n"
            + "  12:00:00.000 GET /v1.2/no/such/route 404 Nms [unmatched]");
  }

  @Test
  void a_passing_test_reports_nothing() {
    Launch launch = Launch.run(Map.of(), PassingCase.class);
    assertThat(launch.failed()).isEmpty();
    assertThat(launch.entries).isEmpty();
  }

  @Test
  void a_missing_fixtures_resource_fails_the_class_with_its_name() {
    Launch launch = Launch.run(Map.of(), MissingFixturesCase.class);
    assertThat(launch.failed()).hasSize(1);
    assertThat(launch.failed().get(0).failure().orElseThrow()).hasMessage(
        "no fixtures resource missing.json for " + MissingFixturesCase.class.getName());
  }

  @Test
  void a_per_test_daemon_is_refused_to_before_all() {
    Launch launch = Launch.run(Map.of(), PerMethodBeforeAllCase.class);
    assertThat(launch.failed()).hasSize(1);
    assertThat(launch.failed().get(0).failure().orElseThrow()).rootCause().hasMessage(
        "a daemon per test is not available outside a test (for example in @BeforeAll or a constructor of a "
            + "PER_CLASS test instance): FailureReportTest$PerMethodBeforeAllCase");
  }

  static Clock noon() {
    return new Clock() {
      @Override
      public Instant now() {
        return Instant.parse("2013-07-01T12:00:00Z");
      }

      @Override
      public ZoneId zone() {
        return ZoneOffset.UTC;
      }

      @Override
      public void sleep(Duration duration) {}
    };
  }

  static class FailingCase {
    @RegisterExtension
    static MockDockerExtension extension = MockDockerExtension.newInstance()
        .daemon(MockDocker.builder().clock(noon()))
        .build();

    @Test
    void fails_after_two_requests(MockDocker docker) {
      Http http = new Http(docker.uri());
      http.get("/v1.2/version");
      http.get("/v1.2/no/such/route");
      throw new AssertionError("the deployer did not deploy");
    }
  }

  @MockDockerTest
  static class PassingCase {
    @Test
    void passes(MockDocker docker) {
      assertThat(new Http(docker.uri()).get("/v1.2/version").statusCode()).isEqualTo(200);
    }
  }

  @MockDockerTest(fixtures = "missing.json")
  static class MissingFixturesCase {
    @Test
    void never_runs() {}
  }

  @MockDockerTest(lifecycle = MockDockerTest.Lifecycle.PER_METHOD)
  static class PerMethodBeforeAllCase {
    @BeforeAll
    static void beforeAll(MockDocker docker) {}

    @Test
    void never_runs() {}
  }
}
