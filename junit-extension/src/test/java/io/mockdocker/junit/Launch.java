package io.mockdocker.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs test classes on JUnit's own launcher and keeps what they reported: the stand-in for the Platform test kit. */
final class Launch implements TestExecutionListener {
  /** A test or container that finished. */
  record Finished(String name, boolean test, TestExecutionResult result) {
    Optional<Throwable> failure() {
      return result.getThrowable();
    }
  }

  final List<Finished> finished = new CopyOnWriteArrayList<>();
  final List<ReportEntry> entries = new CopyOnWriteArrayList<>();

  /** Runs the classes with only the given configuration (the test classpath's junit-platform.properties is ignored). */
  static Launch run(Map<String, String> configuration, Class<?>... classes) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(configuration)
        .build();
    Launch launch = new Launch();
    LauncherFactory.create().execute(request, launch);
    return launch;
  }

  List<Finished> tests() {
    return finished.stream().filter(Finished::test).toList();
  }

  List<Finished> failed() {
    return finished.stream().filter(f -> f.result().getStatus() != TestExecutionResult.Status.SUCCESSFUL).toList();
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.getSource().isPresent()) {
      finished.add(new Finished(id.getDisplayName(), id.isTest(), result));
    }
  }

  @Override
  public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
    entries.add(entry);
  }
}
