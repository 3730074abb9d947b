package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import io.mockdocker.MockDocker;
import io.mockdocker.junit.MockDockerTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What docker-java 3.7.1 cannot do against an API 1.2 daemon, pinned so that a change on either side shows up.
 * examples/README.md explains each; the daemon answers as v0.4.4 did and is not bent to fit.
 */
@MockDockerTest
class DockerJavaLimitsTest {
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
  void listing_containers_fails_because_ports_is_a_string_in_1_2(MockDocker docker) throws Exception {
    String id = create(docker);
    assertThat(id).hasSize(12);
    assertThatThrownBy(() -> client.listContainersCmd().withShowAll(true).exec())
        .isExactlyInstanceOf(RuntimeException.class)
        .hasMessageStartingWith("com.fasterxml.jackson.databind.exc.InvalidFormatException: "
            + "Cannot coerce empty String (\"\") to element of `com.github.dockerjava.api.model.ContainerPort[]`")
        .hasMessageContaining("(through reference chain: java.util.ArrayList[0]->"
            + "com.github.dockerjava.api.model.Container[\"Ports\"])");
  }

  @Test
  void the_pull_callback_reports_a_successful_pull_as_failed_because_no_status_says_complete(MockDocker docker) {
    assertThatThrownBy(() -> client.pullImageCmd("busybox").withTag("latest")
        .exec(new PullImageResultCallback()).awaitCompletion(30, TimeUnit.SECONDS))
        .isExactlyInstanceOf(DockerClientException.class)
        .hasMessage("Could not pull image: null");
    assertThat(docker.state().image("busybox:latest")).isPresent();
  }

  @Test
  void inspect_has_no_container_id_because_1_2_writes_ID_not_Id(MockDocker docker) throws Exception {
    String id = create(docker);
    assertThat(client.inspectContainerCmd(id).exec().getId()).isNull();
    assertThat(client.inspectContainerCmd(id).exec().getPath()).isEqualTo("true");
  }

  @Test
  void image_inspect_sees_only_Size_because_1_2_image_keys_are_lower_case(MockDocker docker) {
    docker.preload("busybox:latest");
    InspectImageResponse image = client.inspectImageCmd("busybox").exec();
    assertThat(image.getId()).isNull();
    assertThat(image.getCreated()).isNull();
    assertThat(image.getSize()).isEqualTo(docker.state().image("busybox").orElseThrow().size());
  }

  @Test
  void listed_images_have_no_repo_tags_because_1_2_lists_Repository_and_Tag() {
    List<Image> images = client.listImagesCmd().exec();
    assertThat(images).extracting(Image::getId).containsOnly(
        "b750fe79269d2ec9a3c593ef05b4332bcae662172fd450bb0cd710a769079c05");
    assertThat(images).hasSize(2).allSatisfy(i -> assertThat(i.getRepoTags()).isNull());
  }

  @Test
  void container_logs_are_404_because_the_logs_endpoint_came_after_1_2(MockDocker docker) throws Exception {
    String id = create(docker);
    assertThatThrownBy(() -> client.logContainerCmd(id).withStdOut(true).exec(new DockerJava.RawOutput())
        .awaitCompletion(30, TimeUnit.SECONDS))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage("Status 404: 404 page not found\n");
  }

  /** Creates a {@code base} container running {@code true} over the API, as a client would; returns its ID. */
  private static String create(MockDocker docker) throws Exception {
    return JavaApiTest.JSON.readTree(JavaApiTest.post(docker.uri(), "/v1.2/containers/create",
        "{\"Image\":\"base\",\"Cmd\":[\"true\"]}").body()).get("Id").asText();
  }
}
