package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mockdocker.MockDocker;
import io.mockdocker.RecordedRequest;
import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deployer against a daemon declared with the annotation: one per class, reset before each test. */
@MockDockerTest
class DeployerTest {

  @Test
  void deploy_pulls_runs_and_removes_the_job_and_returns_its_output(MockDockerRuntimeInfo docker) {
    Deployer deployer = new Deployer(docker.uri(), Backoff.none());

    Deployment done = deployer.deploy(Job.of("busybox", "echo", "hello"));

    assertThat(done.exitCode()).isEqualTo(0);
    assertThat(done.output()).isEqualTo("hello\n");
    assertThat(done.warnings()).isEmpty();
    String id = done.containerId();
    assertThat(docker.daemon().journal().requests()).map(r -> r.method() + " " + r.target() + " " + r.status())
        .containsExactly(
            "POST /v1.2/images/create?fromImage=busybox&tag=latest 200",
            "POST /v1.2/containers/create 201",
            "POST /v1.2/containers/" + id + "/start 204",
            "POST /v1.2/containers/" + id + "/wait 200",
            "POST /v1.2/containers/" + id + "/attach?logs=1&stdout=1&stderr=1 200",
            "DELETE /v1.2/containers/" + id + " 204");
    assertThat(docker.daemon().state().containers()).isEmpty();
  }

  @Test
  void a_job_exiting_non_zero_fails_with_its_code_and_output_and_is_removed(MockDocker docker) {
    docker.script(ProcessMatch.command("migrate"),
        ProcessScript.builder().stdout("applying 001\n").stderr("relation \"users\" already exists\n").exit(1).build());

    JobFailedException failure = catchThrowableOfType(JobFailedException.class,
        () -> new Deployer(docker.uri(), Backoff.none()).deploy(Job.of("busybox", "migrate", "up")));

    Deployment ran = failure.deployment();
    assertThat(ran.exitCode()).isEqualTo(1);
    assertThat(ran.output()).isEqualTo("applying 001\nrelation \"users\" already exists\n");
    assertThat(failure).hasMessage("container " + ran.containerId() + " exited with code 1: " + ran.output());
    docker.journal().verify(1, "DELETE", "/containers/" + ran.containerId());
    assertThat(docker.state().containers()).isEmpty();
  }

  @Test
  void a_create_without_a_command_fails_with_the_daemon_500_text_and_leaves_nothing_to_remove(MockDocker docker) {
    assertThatThrownBy(() -> new Deployer(docker.uri(), Backoff.none()).deploy(Job.of("busybox")))
        .isExactlyInstanceOf(DeployException.class)
        .hasMessage("create of busybox:latest answered 500: No command specified");
    assertThat(docker.journal().requests()).map(RecordedRequest::status).containsExactly(200, 500);
    docker.journal().verify(0, "DELETE", "/containers/*");
  }

  @Test
  void a_memory_limit_below_the_minimum_fails_the_create_with_500(MockDocker docker) {
    Job tooSmall = Job.of("busybox", "true").withMemory(100);
    assertThatThrownBy(() -> new Deployer(docker.uri(), Backoff.none()).deploy(tooSmall))
        .isExactlyInstanceOf(DeployException.class)
        .hasMessage("create of busybox:latest answered 500: "
            + "Memory limit must be given in bytes (minimum 524288 bytes)");
  }

  @Test
  void a_memory_limit_comes_back_with_the_daemon_swap_warning(MockDocker docker) {
    Deployment done = new Deployer(docker.uri(), Backoff.none())
        .deploy(Job.of("busybox", "true").withMemory(1024 * 1024));
    assertThat(done.warnings())
        .containsExactly("Your kernel does not support memory swap capabilities. Limitation discarded.");
  }

  @Test
  void an_image_missing_from_the_registry_fails_after_one_retry(MockDocker docker) {
    DeployException failure = catchThrowableOfType(DeployException.class,
        () -> new Deployer(docker.uri(), Backoff.none()).deploy(Job.of("acme/missing", "true")));

    assertThat(failure).hasMessage("pull of acme/missing:latest failed: HTTP code: 404");
    assertThat(failure.getSuppressed()).singleElement()
        .satisfies(first -> assertThat(first).hasMessage("pull of acme/missing:latest failed: HTTP code: 404"));
    docker.journal().verify(2, "POST", "/images/create");
    docker.journal().verify(0, "POST", "/containers/create");
  }

  @Test
  void a_tag_missing_from_the_repository_fails_with_the_era_message(MockDocker docker) {
    assertThatThrownBy(() -> new Deployer(docker.uri(), Backoff.none()).deploy(Job.of("busybox").withTag("1.0")))
        .hasMessage("pull of busybox:1.0 failed: Tag 1.0 not found in repositoy busybox");
  }

  @Test
  void a_long_job_can_be_watched_while_it_runs(MockDocker docker) throws Exception {
    ScriptHandle serve = docker.script(ProcessMatch.command("serve"),
        ProcessScript.builder().stdout("listening\n").awaitExit().build());
    CompletableFuture<Deployment> deployment = CompletableFuture.supplyAsync(
        () -> new Deployer(docker.uri(), Backoff.none()).deploy(Job.of("busybox", "serve")));

    String id = docker.await().requests(1, "POST", "/containers/*/start").get(0).unversionedPath().split("/")[2];
    assertThat(docker.await().running(id).running()).isTrue();
    serve.exit(0);

    Deployment done = deployment.get(10, TimeUnit.SECONDS);
    assertThat(done.containerId()).isEqualTo(id);
    assertThat(done.output()).isEqualTo("listening\n");
  }
}
