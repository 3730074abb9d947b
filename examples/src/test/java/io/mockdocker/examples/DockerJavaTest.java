package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Version;
import io.mockdocker.MockDocker;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What docker-java 3.7.1 can do against an API 1.2 daemon; {@link DockerJavaLimitsTest} pins what it cannot. */
@MockDockerTest
class DockerJavaTest {
  static final String BUSYBOX = "e9aa60c60128cad19d75f0d7c398df565d7ac04c6819b62d6d8f9560f5eb4672";

  DockerClient client;

  @BeforeEach
  void connect(MockDocker docker) {
    client = DockerJava.client(docker.dockerHost());
  }

  @AfterEach
  void close() throws Exception {
    client.close();
  }

  @Test
  void ping_version_and_info_answer_with_the_era_values() {
    client.pingCmd().exec();
    Version version = client.versionCmd().exec();
    assertThat(version.getVersion()).isEqualTo("0.4.4");
    assertThat(version.getGitCommit()).isEqualTo("02f0c1e");
    assertThat(version.getGoVersion()).isEqualTo("go1.1.1");
    assertThat(version.getApiVersion()).isNull();
    Info info = client.infoCmd().exec();
    assertThat(info.getContainers()).isEqualTo(0);
    assertThat(info.getImages()).isEqualTo(2);
    assertThat(info.getDebug()).isFalse();
  }

  @Test
  @SuppressWarnings("deprecation") // getProgress(): the era's progress text is all that 1.2 sends
  void a_pull_streams_the_era_messages_to_a_plain_callback(MockDocker docker) throws Exception {
    List<PullResponseItem> items = new ArrayList<>();
    client.pullImageCmd("busybox").withTag("latest").exec(new ResultCallback.Adapter<PullResponseItem>() {
      @Override
      public void onNext(PullResponseItem item) {
        items.add(item);
      }
    }).awaitCompletion(30, TimeUnit.SECONDS);

    assertThat(items).first().extracting(PullResponseItem::getStatus)
        .isEqualTo("Pulling repository busybox from https://index.docker.io/v1");
    assertThat(items).filteredOn(i -> "Downloading".equals(i.getStatus())).last()
        .extracting(PullResponseItem::getProgress).isEqualTo("111.1 kB/111.1 kB (100%)");
    assertThat(items).allSatisfy(i -> assertThat(i.getProgressDetail()).isNull());
    assertThat(items).last().extracting(PullResponseItem::getStatus).isNull();
    assertThat(docker.state().image("busybox:latest")).isPresent();
  }

  @Test
  void a_job_runs_through_create_start_wait_inspect_attach_and_remove(MockDocker docker) throws Exception {
    docker.script(ProcessMatch.command("greet"),
        ProcessScript.builder().stdout("hello\n").stderr("oops\n").exit(3).build());
    docker.preload("busybox:latest");

    CreateContainerResponse created = client.createContainerCmd("busybox").withCmd("greet", "world").exec();
    String id = created.getId();
    client.startContainerCmd(id).exec();
    int status = client.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
    InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
    DockerJava.RawOutput output = client.attachContainerCmd(id).withLogs(true).withStdOut(true).withStdErr(true)
        .exec(new DockerJava.RawOutput());
    output.awaitCompletion(30, TimeUnit.SECONDS);
    client.removeContainerCmd(id).exec();

    assertThat(id).matches("[0-9a-f]{12}");
    assertThat(created.getWarnings()).isNull();
    assertThat(status).isEqualTo(3);
    assertThat(inspected.getState().getRunning()).isFalse();
    assertThat(inspected.getState().getExitCodeLong()).isEqualTo(3L);
    assertThat(inspected.getPath()).isEqualTo("greet");
    assertThat(inspected.getArgs()).containsExactly("world");
    assertThat(inspected.getImageId()).isEqualTo(BUSYBOX);
    assertThat(inspected.getConfig().getCmd()).containsExactly("greet", "world");
    assertThat(output.text()).isEqualTo("hello\noops\n");
    assertThat(output.streamTypes()).isEqualTo("RAW");
    assertThat(docker.state().containers()).isEmpty();
    assertThat(docker.journal().requests()).map(r -> r.method() + " " + r.target() + " " + r.status())
        .containsExactly(
            "POST /v1.2/containers/create 201",
            "POST /v1.2/containers/" + id + "/start 204",
            "POST /v1.2/containers/" + id + "/wait 200",
            "GET /v1.2/containers/" + id + "/json 200",
            "POST /v1.2/containers/" + id + "/attach?stdout=true&stderr=true&logs=true 200",
            "DELETE /v1.2/containers/" + id + " 204");
  }

  @Test
  void a_pull_of_a_missing_repository_fails_with_the_stream_error() {
    assertThatThrownBy(() -> client.pullImageCmd("acme/missing").withTag("latest")
        .exec(new PullImageResultCallback()).awaitCompletion(30, TimeUnit.SECONDS))
        .isExactlyInstanceOf(DockerClientException.class)
        .hasMessage("Could not pull image: HTTP code: 404");
  }

  @Test
  void a_create_the_daemon_refuses_is_an_internal_server_error_with_its_text() {
    assertThatThrownBy(() -> client.createContainerCmd("base").exec())
        .isExactlyInstanceOf(InternalServerErrorException.class)
        .hasMessage("Status 500: No command specified\n");
  }
}
