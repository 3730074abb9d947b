package io.mockdocker.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The smoke mode of the benchmarks, part of {@code mvn verify}: every benchmark runs once, in this JVM, with tiny
 * iterations and small sizes, so that a broken benchmark fails the build. It asserts that each produced a score, never
 * how fast: the figures live in RESULTS.md.
 */
class BenchmarksSmokeTest {
  @Test
  void every_benchmark_runs_once() throws Exception {
    Options options = new OptionsBuilder()
        .include(BenchmarksSmokeTest.class.getPackageName() + ".B[0-9]")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .param("images", "1000")
        .param("containers", "100")
        .param("sizeMb", "4")
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
        .contains("mockDockerNoFixtures", "mockDockerDefaultFixtures", "wireMock", "get", "suiteOf200",
            "listImages", "listAllImages", "inspectImage", "listAllContainers", "deleteWithPrune", "load", "pull",
            "export");
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void the_three_servers_of_b2_answer_the_same_bytes() throws Exception {
    for (String request : new String[] {"eraList", "modernList", "modernInspect"}) {
      for (String server : new String[] {"mockDocker", "wireMock", "bareUndertow"}) {
        B2KeepAliveBenchmark b2 = new B2KeepAliveBenchmark();
        b2.server = server;
        b2.request = request;
        b2.start();
        try {
          JsonNode expected = new ObjectMapper().readTree(b2.expected);
          if (request.endsWith("List")) {
            assertThat(expected).hasSize(B2KeepAliveBenchmark.CONTAINERS);
          } else {
            assertThat(expected.path("State").path("Running").asBoolean()).as("inspect of a running container").isTrue();
          }
          assertThat(b2.answer()).as(server + " " + request).isEqualTo(b2.expected);
          assertThat(b2.answer()).as(server + " " + request + ", again on the same connection").isEqualTo(b2.expected);
        } finally {
          b2.stop();
        }
      }
    }
  }
}
