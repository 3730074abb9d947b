package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthResponse;
import com.github.dockerjava.api.model.ChangeLog;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.SearchItem;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import io.mockdocker.MockDocker;
import io.mockdocker.junit.MockDockerTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-java 3.7.1 against the modern profile, through its own commands: the same contract with no API version set
 * (bare paths, the daemon's newest) and pinned to 1.44 ({@code /v1.44/…}), by the two subclasses.
 */
@MockDockerTest(profile = MockDockerTest.Profile.MODERN)
abstract class ModernDockerJavaContract {
  static final int SECONDS = 30;

  DockerClient client;

  /** The version docker-java is pinned to, or {@code null} for none. */
  abstract String apiVersion();

  /** The path prefix docker-java sends: {@code ""} or {@code /v1.44}. */
  String prefix() {
    return apiVersion() == null ? "" : "/v" + apiVersion();
  }

  @BeforeEach
  void connect(MockDocker docker) {
    client = ImageJob.connect(docker.dockerHost(), apiVersion());
  }

  @AfterEach
  void close() throws Exception {
    client.close();
  }

  void pullBusybox() throws InterruptedException {
    assertThat(client.pullImageCmd("busybox").withTag("latest").exec(new PullImageResultCallback())
        .awaitCompletion(SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void ping_version_and_info(MockDocker docker) {
    client.pingCmd().exec();
    Version version = client.versionCmd().exec();
    assertThat(version.getApiVersion()).isEqualTo("1.50");
    assertThat(version.getVersion()).isEqualTo("28.2.2");
    Info info = client.infoCmd().exec();
    assertThat(info.getContainers()).isZero();
    assertThat(info.getServerVersion()).isEqualTo("28.2.2");
    assertThat(docker.journal().requests()).map(r -> r.method() + " " + r.target() + " " + r.status())
        .containsExactly("GET " + prefix() + "/_ping 200", "GET " + prefix() + "/version 200",
            "GET " + prefix() + "/info 200");
  }

  @Test
  void pull_with_await_completion_then_list_and_inspect_the_image(MockDocker docker) throws Exception {
    pullBusybox();
    List<Image> images = client.listImagesCmd().exec();
    assertThat(images).anySatisfy(i -> assertThat(i.getRepoTags()).contains("busybox:latest"));
    InspectImageResponse busybox = client.inspectImageCmd("busybox").exec();
    assertThat(busybox.getId()).startsWith("sha256:").hasSize(71);
    assertThat(busybox.getRepoTags()).containsExactly("busybox:latest");
    // a second pull is up to date, which PullImageResultCallback accepts too
    pullBusybox();
  }

  @Test
  void pull_of_a_missing_repository_is_not_found() {
    assertThatThrownBy(() -> client.pullImageCmd("acme/missing").withTag("latest")
        .exec(new PullImageResultCallback()).awaitCompletion(SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("pull access denied for acme/missing");
  }

  @Test
  void outside_a_swarm_inspect_and_leave_are_503_and_the_info_says_inactive() {
    assertThatThrownBy(() -> client.inspectSwarmCmd().exec()).isInstanceOf(DockerException.class)
        .hasMessageContaining("Status 503").hasMessageContaining("This node is not a swarm manager. Use \\\"docker "
            + "swarm init\\\" or \\\"docker swarm join\\\" to connect this node to swarm and try again.");
    assertThatThrownBy(() -> client.leaveSwarmCmd().withForceEnabled(true).exec())
        .isInstanceOf(DockerException.class).hasMessageContaining("Status 503")
        .hasMessageContaining("This node is not part of a swarm");
    assertThatThrownBy(() -> client.listServicesCmd().exec()).isInstanceOf(DockerException.class)
        .hasMessageContaining("Status 503");
    assertThat(client.infoCmd().exec().getSwarm().getLocalNodeState()).isEqualTo(LocalNodeState.INACTIVE);
  }

  @Test
  void create_start_attach_wait_logs_inspect_and_remove(MockDocker docker) throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withName("job1").withLabels(Map.of("team", "a"))
        .withCmd("sh", "-c", "echo out; echo err >&2; exit 3").exec().getId();
    client.startContainerCmd(id).exec();
    int status = client.waitContainerCmd(id).start().awaitStatusCode(SECONDS, TimeUnit.SECONDS);
    // docker-java's attach is asynchronous and may arrive after the exit: with logs, it replays the output first
    Frames attached = client.attachContainerCmd(id).withLogs(true).withStdOut(true).withStdErr(true)
        .withFollowStream(true).exec(new Frames());
    attached.awaitCompletion(SECONDS, TimeUnit.SECONDS);
    Frames logs = client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll().exec(new Frames());
    logs.awaitCompletion(SECONDS, TimeUnit.SECONDS);
    InspectContainerResponse inspected = client.inspectContainerCmd("job1").exec();
    List<Container> listed = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("team", "a"))
        .exec();

    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(status).isEqualTo(3);
    assertThat(attached.text(StreamType.STDOUT)).isEqualTo("out\n");
    assertThat(attached.text(StreamType.STDERR)).isEqualTo("err\n");
    assertThat(logs.text(StreamType.STDOUT)).isEqualTo("out\n");
    assertThat(logs.text(StreamType.STDERR)).isEqualTo("err\n");
    assertThat(inspected.getId()).isEqualTo(id);
    assertThat(inspected.getName()).isEqualTo("/job1");
    assertThat(inspected.getState().getRunning()).isFalse();
    assertThat(inspected.getState().getExitCodeLong()).isEqualTo(3L);
    assertThat(inspected.getConfig().getLabels()).containsEntry("team", "a");
    assertThat(listed).singleElement().satisfies(c -> {
      assertThat(c.getNames()).containsExactly("/job1");
      assertThat(c.getState()).isEqualTo("exited");
      assertThat(c.getStatus()).startsWith("Exited (3)");
    });

    client.removeContainerCmd(id).exec();
    assertThat(docker.state().containers()).isEmpty();
    assertThatThrownBy(() -> client.inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void exec_in_a_running_container_and_its_exit_code() throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withName("sleeper").withCmd("sleep", "100").exec().getId();
    client.startContainerCmd(id).exec();
    String exec = client.execCreateCmd(id).withCmd("sh", "-c", "echo hi; exit 4").withAttachStdout(true)
        .withAttachStderr(true).exec().getId();
    Frames out = client.execStartCmd(exec).exec(new Frames());
    out.awaitCompletion(SECONDS, TimeUnit.SECONDS);
    InspectExecResponse inspected = client.inspectExecCmd(exec).exec();

    assertThat(out.text(StreamType.STDOUT)).isEqualTo("hi\n");
    assertThat(inspected.isRunning()).isFalse();
    assertThat(inspected.getExitCodeLong()).isEqualTo(4L);
    assertThat(client.containerDiffCmd(id).exec()).as("null: nothing changed").isNull();

    assertThatThrownBy(() -> client.removeContainerCmd(id).exec()).isInstanceOf(ConflictException.class);
    client.stopContainerCmd(id).withTimeout(1).exec();
    assertThat(client.inspectContainerCmd(id).exec().getState().getRunning()).isFalse();
    client.removeContainerCmd(id).exec();
  }

  @Test
  void kill_with_a_signal_stop_signal_and_an_on_failure_restart_policy() throws Exception {
    pullBusybox();
    String sleeper = client.createContainerCmd("busybox").withCmd("sleep", "100").exec().getId();
    client.startContainerCmd(sleeper).exec();
    client.killContainerCmd(sleeper).withSignal("HUP").exec();
    assertThat(client.waitContainerCmd(sleeper).exec(new WaitContainerResultCallback())
        .awaitStatusCode(SECONDS, TimeUnit.SECONDS)).isEqualTo(129);

    String quitter = client.createContainerCmd("busybox").withCmd("sleep", "100").withStopSignal("SIGQUIT").exec()
        .getId();
    client.startContainerCmd(quitter).exec();
    client.stopContainerCmd(quitter).exec();
    InspectContainerResponse stopped = client.inspectContainerCmd(quitter).exec();
    assertThat(stopped.getState().getExitCodeLong()).isEqualTo(131L);

    String crasher = client.createContainerCmd("busybox").withCmd("sh", "-c", "exit 1")
        .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.onFailureRestart(2))).exec()
        .getId();
    client.startContainerCmd(crasher).exec();
    // the daemon's back-off on the real clock: 100 ms, then 200 ms
    Awaitility.await().atMost(Duration.ofSeconds(SECONDS)).until(() -> {
      InspectContainerResponse c = client.inspectContainerCmd(crasher).exec();
      return c.getRestartCount() == 2 && "exited".equals(c.getState().getStatus());
    });
    InspectContainerResponse crashed = client.inspectContainerCmd(crasher).exec();
    assertThat(crashed.getHostConfig().getRestartPolicy()).isEqualTo(RestartPolicy.onFailureRestart(2));
    assertThat(crashed.getState().getRestarting()).isFalse();
  }

  @Test
  void changes_and_commit(MockDocker docker) throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withCmd("sh", "-c", "echo x > /tmp/made").exec().getId();
    client.startContainerCmd(id).exec();
    client.waitContainerCmd(id).start().awaitStatusCode(SECONDS, TimeUnit.SECONDS);
    List<ChangeLog> changes = client.containerDiffCmd(id).exec();
    String image = client.commitCmd(id).withRepository("jcommitted").withTag("v1").withMessage("msg")
        .withAuthor("me").exec();

    assertThat(changes).extracting(ChangeLog::getPath).contains("/tmp/made");
    assertThat(image).startsWith("sha256:");
    InspectImageResponse committed = client.inspectImageCmd("jcommitted:v1").exec();
    assertThat(committed.getId()).isEqualTo(image);
    assertThat(committed.getAuthor()).isEqualTo("me");
    assertThat(committed.getComment()).isEqualTo("msg");
  }

  @Test
  void build_with_await_image_id_then_run_it_through_the_example(@TempDir Path dir) throws Exception {
    pullBusybox();
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo built > /built.txt\nCMD [\"cat\", \"/built.txt\"]\n");
    String built = client.buildImageCmd(dir.toFile()).withTags(Set.of("jbuilt:1"))
        .exec(new BuildImageResultCallback()).awaitImageId(SECONDS, TimeUnit.SECONDS);
    assertThat(built).matches("[0-9a-f]{12}");
    assertThat(client.inspectImageCmd("jbuilt:1").exec().getId()).startsWith("sha256:" + built);

    ImageJob.Result job = new ImageJob(client, Duration.ofSeconds(SECONDS)).run(dir, "jbuilt:2");
    assertThat(job.exitCode()).isZero();
    assertThat(job.stdout()).isEqualTo("built\n");
    assertThat(job.stderr()).isEmpty();
    assertThat(job.imageId()).isEqualTo(built);
  }

  @Test
  void build_args_a_target_stage_and_a_multi_stage_build(@TempDir Path dir) throws Exception {
    pullBusybox();
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox AS base\nARG V=1\nRUN echo v$V > /v.txt\n"
        + "FROM busybox\nCOPY --from=base /v.txt /v.txt\nCMD [\"cat\", \"/v.txt\"]\n");
    String base = client.buildImageCmd(dir.toFile()).withTags(Set.of("jargs:base")).withTarget("base")
        .withBuildArg("V", "2").exec(new BuildImageResultCallback()).awaitImageId(SECONDS, TimeUnit.SECONDS);
    assertThat(client.inspectImageCmd("jargs:base").exec().getId()).startsWith("sha256:" + base);
    assertThat(client.inspectImageCmd("jargs:base").exec().getConfig().getEnv()).noneMatch(e -> e.startsWith("V="));

    // one aux ID per stage: the callback's ID is the last stage's, the one tagged
    ImageJob.Result job = new ImageJob(client, Duration.ofSeconds(SECONDS)).run(dir, "jargs:full");
    assertThat(job.stdout()).isEqualTo("v1\n");
    assertThat(job.imageId()).isNotEqualTo(base);
    assertThat(client.inspectImageCmd("jargs:full").exec().getId()).startsWith("sha256:" + job.imageId());
  }

  @Test
  void build_failure_is_reported_by_await_image_id(@TempDir Path dir) throws Exception {
    pullBusybox();
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN false\n");
    assertThatThrownBy(() -> client.buildImageCmd(dir.toFile()).exec(new BuildImageResultCallback())
        .awaitImageId(SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(DockerClientException.class)
        .hasMessageContaining("The command '/bin/sh -c false' returned a non-zero code: 1");
  }

  @Test
  void digest_and_sha256_id_references_pull_create_and_inspect() throws Exception {
    pullBusybox();
    InspectImageResponse busybox = client.inspectImageCmd("busybox").exec();
    String digest = busybox.getRepoDigests().get(0);
    assertThat(digest).matches("busybox@sha256:[0-9a-f]{64}");
    client.removeImageCmd("busybox").exec();
    assertThat(client.pullImageCmd(digest).exec(new PullImageResultCallback())
        .awaitCompletion(SECONDS, TimeUnit.SECONDS)).isTrue();
    InspectImageResponse byDigest = client.inspectImageCmd(digest).exec();
    assertThat(byDigest.getId()).isEqualTo(busybox.getId());
    assertThat(byDigest.getRepoTags()).isEmpty();
    assertThat(byDigest.getRepoDigests()).containsExactly(digest);
    for (String image : List.of(digest, busybox.getId(), busybox.getId().substring(7, 19))) {
      String id = client.createContainerCmd(image).withCmd("true").exec().getId();
      InspectContainerResponse c = client.inspectContainerCmd(id).exec();
      assertThat(c.getImageId()).as(image).isEqualTo(busybox.getId());
      assertThat(c.getConfig().getImage()).as(image).isEqualTo(image);
      client.removeContainerCmd(id).exec();
    }
    assertThatThrownBy(() -> client.pullImageCmd("busybox@sha256:" + "0".repeat(64))
        .exec(new PullImageResultCallback()).awaitCompletion(SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("manifest unknown");
  }

  @Test
  void a_from_scratch_build_is_tagged_and_cache_from_and_extra_hosts_are_honoured(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
    Files.writeString(dir.resolve("hello.txt"), "hi\n");
    String scratch = client.buildImageCmd(dir.toFile()).withTags(Set.of("jscratch:1"))
        .exec(new BuildImageResultCallback()).awaitImageId(SECONDS, TimeUnit.SECONDS);
    assertThat(client.inspectImageCmd("jscratch:1").exec().getId()).startsWith("sha256:" + scratch);

    pullBusybox();
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN cat /etc/hosts\n");
    BuildStreams first = new BuildStreams();
    String hosts = client.buildImageCmd(dir.toFile()).withTags(Set.of("jhosts:1")).withExtraHosts(Set.of("db:10.0.0.5"))
        .exec(first).awaitImageId(SECONDS, TimeUnit.SECONDS);
    assertThat(String.join("", first.streams)).contains("10.0.0.5\tdb\n");
    BuildStreams again = new BuildStreams();
    String cached = client.buildImageCmd(dir.toFile()).withExtraHosts(Set.of("db:10.0.0.5"))
        .withCacheFrom(Set.of("jhosts:1")).exec(again).awaitImageId(SECONDS, TimeUnit.SECONDS);
    assertThat(cached).isEqualTo(hosts);
    assertThat(again.streams).contains(" ---> Using cache\n");
  }

  /** A build callback that keeps the {@code stream} texts. */
  static final class BuildStreams extends BuildImageResultCallback {
    final List<String> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onNext(com.github.dockerjava.api.model.BuildResponseItem item) {
      if (item.getStream() != null) {
        streams.add(item.getStream());
      }
      super.onNext(item);
    }
  }

  @Test
  void tag_login_push_search_and_remove_images() throws Exception {
    pullBusybox();
    client.tagImageCmd("busybox", "localhost:5000/busybox", "v1").exec();
    AuthConfig auth = new AuthConfig().withUsername("mock").withPassword("mock")
        .withRegistryAddress("localhost:5000");
    AuthResponse login = client.authCmd().withAuthConfig(auth).exec();
    client.pushImageCmd("localhost:5000/busybox").withTag("v1").withAuthConfig(auth).start()
        .awaitCompletion(SECONDS, TimeUnit.SECONDS);
    List<SearchItem> found = client.searchImagesCmd("busybox").exec();
    client.removeImageCmd("localhost:5000/busybox:v1").exec();

    assertThat(login.getStatus()).isEqualTo("Login Succeeded");
    assertThat(found).extracting(SearchItem::getName).contains("busybox");
    assertThat(client.listImagesCmd().exec()).flatExtracting(i -> List.of(i.getRepoTags()))
        .contains("busybox:latest").doesNotContain("localhost:5000/busybox:v1");
    assertThatThrownBy(() -> client.inspectImageCmd("nosuchimage:9").exec()).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No such image: nosuchimage:9");
  }

  @Test
  void events_since_and_until_replay_what_happened(MockDocker docker) throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withName("evt").withCmd("true").exec().getId();
    client.startContainerCmd(id).exec();
    client.waitContainerCmd(id).start().awaitStatusCode(SECONDS, TimeUnit.SECONDS);
    long until = docker.clock().now().getEpochSecond() + 1;
    List<Event> events = new ArrayList<>();
    client.eventsCmd().withSince("0").withUntil(String.valueOf(until)).exec(new ResultCallback.Adapter<Event>() {
      @Override
      public void onNext(Event event) {
        synchronized (events) {
          events.add(event);
        }
      }
    }).awaitCompletion(SECONDS, TimeUnit.SECONDS);

    assertThat(events).filteredOn(e -> id.equals(e.getId())).extracting(Event::getAction)
        .containsSubsequence("create", "start", "die");
    assertThat(events).filteredOn(e -> "die".equals(e.getAction())).singleElement()
        .satisfies(e -> assertThat(e.getActor().getAttributes()).containsEntry("exitCode", "0")
            .containsEntry("name", "evt"));
  }

  @Test
  void copy_archive_to_and_from_a_container(@TempDir Path dir) throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withCmd("cat", "/tmp/in/note.txt").exec().getId();
    Path note = Files.createDirectories(dir.resolve("in")).resolve("note.txt");
    Files.writeString(note, "copied\n");
    client.copyArchiveToContainerCmd(id).withHostResource(dir.resolve("in").toString()).withRemotePath("/tmp")
        .exec();
    client.startContainerCmd(id).exec();
    client.waitContainerCmd(id).start().awaitStatusCode(SECONDS, TimeUnit.SECONDS);
    Frames logs = client.logContainerCmd(id).withStdOut(true).withTailAll().exec(new Frames());
    logs.awaitCompletion(SECONDS, TimeUnit.SECONDS);
    assertThat(logs.text(StreamType.STDOUT)).isEqualTo("copied\n");

    List<String> names = new ArrayList<>();
    String content = null;
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        client.copyArchiveFromContainerCmd(id, "/tmp/in").exec())) {
      for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().equals("in/note.txt")) {
          content = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(names).containsExactly("in/", "in/note.txt");
    assertThat(content).isEqualTo("copied\n");
    assertThatThrownBy(() -> client.copyArchiveFromContainerCmd(id, "/nope").exec().close())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Could not find the file /nope in container");
  }

  @Test
  void volumes_and_binds_are_mounted_inspected_and_the_volume_outlives_the_container(@TempDir Path dir)
      throws Exception {
    pullBusybox();
    Files.writeString(dir.resolve("host.txt"), "on the host\n");
    long mtime = Files.getLastModifiedTime(dir.resolve("host.txt")).toMillis();
    client.createVolumeCmd().withName("jdata").exec();
    com.github.dockerjava.api.model.HostConfig host = com.github.dockerjava.api.model.HostConfig.newHostConfig()
        .withBinds(new com.github.dockerjava.api.model.Bind("jdata",
                new com.github.dockerjava.api.model.Volume("/data")),
            new com.github.dockerjava.api.model.Bind(dir.toString(),
                new com.github.dockerjava.api.model.Volume("/mnt"), com.github.dockerjava.api.model.AccessMode.ro))
        .withMounts(List.of(new com.github.dockerjava.api.model.Mount()
            .withType(com.github.dockerjava.api.model.MountType.TMPFS).withTarget("/scratch")));
    String id = client.createContainerCmd("busybox").withHostConfig(host).withCmd("sh", "-c",
        "cat /mnt/host.txt > /data/copy; echo tmp > /scratch/t; cat /scratch/t; echo no > /mnt/host.txt").exec()
        .getId();
    client.startContainerCmd(id).exec();
    int status = client.waitContainerCmd(id).start().awaitStatusCode(SECONDS, TimeUnit.SECONDS);
    Frames logs = client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll().exec(new Frames());
    logs.awaitCompletion(SECONDS, TimeUnit.SECONDS);
    assertThat(status).isNotZero();
    assertThat(logs.text(StreamType.STDOUT)).isEqualTo("tmp\n");
    assertThat(logs.text(StreamType.STDERR)).contains("/mnt/host.txt: Read-only file system");

    InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
    assertThat(inspected.getMounts()).extracting(m -> m.getDestination().getPath() + " " + m.getName() + " "
        + m.getSource() + " " + m.getRW()).containsExactly(
        "/data jdata /var/lib/docker/volumes/jdata/_data true",
        "/mnt null " + dir + " false",
        "/scratch null  true");
    assertThat(inspected.getHostConfig().getBinds()).extracting(b -> b.getPath() + ":" + b.getVolume().getPath())
        .containsExactly("jdata:/data", dir + ":/mnt");
    assertThat(client.listContainersCmd().withShowAll(true).exec().get(0).getMounts())
        .extracting(com.github.dockerjava.api.model.ContainerMount::getDestination)
        .containsExactly("/data", "/mnt", "/scratch");
    assertThatThrownBy(() -> client.removeVolumeCmd("jdata").exec()).isInstanceOf(ConflictException.class)
        .hasMessageContaining("volume is in use");

    client.removeContainerCmd(id).withRemoveVolumes(true).exec();
    String reader = client.createContainerCmd("busybox").withCmd("cat", "/again/copy")
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withBinds(
            new com.github.dockerjava.api.model.Bind("jdata", new com.github.dockerjava.api.model.Volume("/again"))))
        .exec().getId();
    client.startContainerCmd(reader).exec();
    client.waitContainerCmd(reader).start().awaitStatusCode(SECONDS, TimeUnit.SECONDS);
    Frames again = client.logContainerCmd(reader).withStdOut(true).withTailAll().exec(new Frames());
    again.awaitCompletion(SECONDS, TimeUnit.SECONDS);
    assertThat(again.text(StreamType.STDOUT)).isEqualTo("on the host\n");
    client.removeContainerCmd(reader).exec();
    client.removeVolumeCmd("jdata").exec();
    assertThat(Files.readString(dir.resolve("host.txt"))).isEqualTo("on the host\n");
    assertThat(Files.getLastModifiedTime(dir.resolve("host.txt")).toMillis()).isEqualTo(mtime);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("host.txt");
    }
  }

  @Test
  void save_load_and_prunes(MockDocker docker) throws Exception {
    pullBusybox();
    String id = client.inspectImageCmd("busybox").exec().getId();
    byte[] saved;
    try (java.io.InputStream in = client.saveImageCmd("busybox").withTag("latest").exec()) {
      saved = in.readAllBytes();
    }
    List<String> names = new ArrayList<>();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        new java.io.ByteArrayInputStream(saved))) {
      for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).contains("manifest.json", "index.json", "oci-layout", "repositories");
    client.removeImageCmd("busybox").exec();
    client.loadImageCmd(new java.io.ByteArrayInputStream(saved)).exec();
    assertThat(client.inspectImageCmd("busybox").exec().getId()).isEqualTo(id);

    String stopped = client.createContainerCmd("busybox").withCmd("true").exec().getId();
    com.github.dockerjava.api.model.PruneResponse containers =
        client.pruneCmd(com.github.dockerjava.api.model.PruneType.CONTAINERS).exec();
    assertThat(containers.getSpaceReclaimed()).isZero();
    assertThat(client.listContainersCmd().withShowAll(true).exec()).extracting(Container::getId)
        .doesNotContain(stopped);
    com.github.dockerjava.api.model.PruneResponse images =
        client.pruneCmd(com.github.dockerjava.api.model.PruneType.IMAGES).withDangling(false).exec();
    assertThat(images.getSpaceReclaimed()).isPositive();
    assertThat(client.listImagesCmd().exec()).isEmpty();
    assertThat(docker.journal().requests()).map(r -> r.method() + " " + r.target().replaceFirst("\\?.*", "")
        + " " + r.status()).contains("GET " + prefix() + "/images/busybox:latest/get 200",
            "POST " + prefix() + "/images/load 200", "POST " + prefix() + "/containers/prune 200",
            "POST " + prefix() + "/images/prune 200");
  }

  /** Collects multiplexed frames by stream. */
  static final class Frames extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    @Override
    public synchronized void onNext(Frame frame) {
      switch (frame.getStreamType()) {
        case STDOUT -> stdout.writeBytes(frame.getPayload());
        case STDERR -> stderr.writeBytes(frame.getPayload());
        default -> raw.writeBytes(frame.getPayload());
      }
    }

    synchronized String text(StreamType type) {
      ByteArrayOutputStream b = switch (type) {
        case STDOUT -> stdout;
        case STDERR -> stderr;
        default -> raw;
      };
      return b.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void published_ports_are_inspected_listed_and_listen_while_the_container_runs() throws Exception {
    pullBusybox();
    com.github.dockerjava.api.model.ExposedPort http = com.github.dockerjava.api.model.ExposedPort.tcp(80);
    String id = client.createContainerCmd("busybox").withCmd("sleep", "1000").withExposedPorts(http)
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withPortBindings(
            new com.github.dockerjava.api.model.PortBinding(com.github.dockerjava.api.model.Ports.Binding.empty(),
                http)))
        .exec().getId();
    client.startContainerCmd(id).exec();
    InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
    assertThat(inspected.getConfig().getExposedPorts()).containsExactly(http);
    com.github.dockerjava.api.model.Ports.Binding[] bindings =
        inspected.getNetworkSettings().getPorts().getBindings().get(http);
    assertThat(bindings).extracting(com.github.dockerjava.api.model.Ports.Binding::getHostIp)
        .containsExactly("0.0.0.0", "::");
    int port = Integer.parseInt(bindings[0].getHostPortSpec());
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
    }
    Container listed = client.listContainersCmd().exec().get(0);
    assertThat(listed.getPorts()).extracting(p -> p.getIp() + " " + p.getPrivatePort() + "->" + p.getPublicPort()
        + "/" + p.getType()).containsExactly("0.0.0.0 80->" + port + "/tcp", ":: 80->" + port + "/tcp");
    client.stopContainerCmd(id).withTimeout(0).exec();
    // the host port is closed by the time stop answers; should anything still answer there, say who (ss)
    if (listening(port)) {
      throw new AssertionError("port " + port + " still accepts after stop; sockets: " + listeners(port));
    }
  }

  /**
   * Whether a listener accepts on {@code 127.0.0.1:port}: a refused connection is false, and so is Linux's TCP
   * self-connect (nothing listens, the kernel picked that very port as the source and joined the socket to itself).
   */
  /** What {@code ss -ltnp} says listens on {@code port}, for a failure message. */
  private static String listeners(int port) {
    try {
      Process p = new ProcessBuilder("ss", "-ltnpa").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return out.lines().filter(l -> l.contains(":" + port + " ")).toList().toString();
    } catch (java.io.IOException e) {
      return "(ss: " + e.getMessage() + ")";
    }
  }

  private static boolean listening(int port) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
      return s.getLocalPort() != port;
    } catch (java.net.ConnectException e) {
      return false;
    }
  }

  @Test
  void a_health_check_reaches_healthy_as_docker_java_reads_it() throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withName("checked").withCmd("sleep", "100")
        .withHealthcheck(new HealthCheck().withTest(List.of("CMD-SHELL", "echo ok")).withInterval(10_000_000L)
            .withRetries(2))
        .exec().getId();
    InspectContainerResponse created = client.inspectContainerCmd(id).exec();
    assertThat(created.getConfig().getHealthcheck().getTest()).containsExactly("CMD-SHELL", "echo ok");
    assertThat(created.getConfig().getHealthcheck().getInterval()).isEqualTo(10_000_000L);
    assertThat(created.getState().getHealth()).as("no health before the first start").isNull();

    client.startContainerCmd(id).exec();
    org.awaitility.Awaitility.await().atMost(SECONDS, TimeUnit.SECONDS).until(() ->
        "healthy".equals(client.inspectContainerCmd(id).exec().getState().getHealth().getStatus()));
    HealthState health = client.inspectContainerCmd(id).exec().getState().getHealth();
    assertThat(health.getFailingStreak()).isZero();
    HealthStateLog first = health.getLog().get(0);
    assertThat(first.getExitCodeLong()).isZero();
    assertThat(first.getOutput()).isEqualTo("ok\n");
    assertThat(first.getStart()).isNotEmpty();
    assertThat(client.listContainersCmd().exec().get(0).getStatus()).endsWith(" (healthy)");
    client.removeContainerCmd(id).withForce(true).exec();
  }

  @Test
  void a_scripted_port_answers_and_the_list_filters_by_published_and_exposed_port(MockDocker docker)
      throws Exception {
    pullBusybox();
    docker.script(io.mockdocker.script.PortMatch.container("greeter"), io.mockdocker.script.PortScript.reply("hi\n"));
    com.github.dockerjava.api.model.ExposedPort tcp = com.github.dockerjava.api.model.ExposedPort.tcp(7000);
    String id = client.createContainerCmd("busybox").withName("greeter").withCmd("sleep", "1000")
        .withExposedPorts(tcp).withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig()
            .withPortBindings(new com.github.dockerjava.api.model.PortBinding(
                com.github.dockerjava.api.model.Ports.Binding.bindIp("127.0.0.1"), tcp)))
        .exec().getId();
    client.startContainerCmd(id).exec();
    int port = Integer.parseInt(client.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
        .get(tcp)[0].getHostPortSpec());
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
    }
    assertThat(client.listContainersCmd().withFilter("publish", List.of(Integer.toString(port))).exec())
        .extracting(c -> c.getNames()[0]).containsExactly("/greeter");
    assertThat(client.listContainersCmd().withFilter("expose", List.of("7000/tcp")).exec())
        .extracting(c -> c.getNames()[0]).containsExactly("/greeter");
    assertThat(client.listContainersCmd().withFilter("expose", List.of("7000/udp")).exec()).isEmpty();
    client.removeContainerCmd(id).withForce(true).exec();
  }

  /** Collects stats frames until it has {@code wanted} of them. */
  static final class StatsFrames extends ResultCallback.Adapter<Statistics> {
    final List<Statistics> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.CountDownLatch enough;

    StatsFrames(int wanted) {
      enough = new java.util.concurrent.CountDownLatch(wanted);
    }

    @Override
    public void onNext(Statistics frame) {
      frames.add(frame);
      enough.countDown();
    }
  }

  @Test
  void stats_once_and_streamed_with_a_scripted_memory(MockDocker docker) throws Exception {
    pullBusybox();
    docker.script(io.mockdocker.script.ProcessMatch.command("sleep"),
        io.mockdocker.script.StatsScript.defaults().cpuPercent(25).memory(48L << 20, 0));
    String id = client.createContainerCmd("busybox").withName("watched").withCmd("sleep", "1000").exec().getId();
    client.startContainerCmd(id).exec();

    StatsFrames once = client.statsCmd(id).withNoStream(true).exec(new StatsFrames(1));
    assertThat(once.awaitCompletion(SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(once.frames).hasSize(1);
    Statistics s = once.frames.get(0);
    assertThat(s.getMemoryStats().getUsage()).isEqualTo(48L << 20);
    assertThat(s.getMemoryStats().getLimit()).isPositive();
    assertThat(s.getPidsStats().getCurrent()).isEqualTo(1L);
    assertThat(s.getCpuStats().getOnlineCpus()).isPositive();
    assertThat(s.getCpuStats().getSystemCpuUsage()).isGreaterThan(s.getPreCpuStats().getSystemCpuUsage());
    assertThat(s.getNetworks()).containsKey("eth0");

    StatsFrames streamed = client.statsCmd(id).exec(new StatsFrames(2));
    assertThat(streamed.enough.await(SECONDS, TimeUnit.SECONDS)).isTrue();
    streamed.close();
    Statistics second = streamed.frames.get(1);
    assertThat(second.getPreread()).isEqualTo(streamed.frames.get(0).getRead());
    assertThat(second.getPreCpuStats().getCpuUsage().getTotalUsage())
        .isEqualTo(streamed.frames.get(0).getCpuStats().getCpuUsage().getTotalUsage());

    client.stopContainerCmd(id).withTimeout(0).exec();
    StatsFrames stopped = client.statsCmd(id).withNoStream(true).exec(new StatsFrames(1));
    assertThat(stopped.awaitCompletion(SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(stopped.frames.get(0).getRead()).isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void update_resources_and_restart_policy_then_inspect() throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withCmd("sleep", "1000").exec().getId();
    client.startContainerCmd(id).exec();
    com.github.dockerjava.api.model.UpdateContainerResponse updated = client.updateContainerCmd(id)
        .withMemory(64L << 20).withMemorySwap(128L << 20).withCpuShares(512).withPidsLimit(40L)
        .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(3)).exec();
    assertThat(updated.getWarnings()).containsExactly("Your kernel does not support swap limit capabilities or the"
        + " cgroup is not mounted. Memory limited without swap.");
    com.github.dockerjava.api.model.HostConfig host = client.inspectContainerCmd(id).exec().getHostConfig();
    assertThat(host.getMemory()).isEqualTo(64L << 20);
    assertThat(host.getCpuShares()).isEqualTo(512);
    assertThat(host.getPidsLimit()).isEqualTo(40L);
    assertThat(host.getRestartPolicy()).isEqualTo(com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(3));

    assertThatThrownBy(() -> client.updateContainerCmd(id).withMemory(1L << 20).exec())
        .isInstanceOf(com.github.dockerjava.api.exception.BadRequestException.class)
        .hasMessageContaining("Minimum memory limit allowed is 6MB");
    assertThatThrownBy(() -> client.updateContainerCmd("nosuch").withCpuShares(2).exec())
        .isInstanceOf(NotFoundException.class);
    assertThat(client.topContainerCmd(id).withPsArgs("-o pid,comm").exec().getTitles())
        .containsExactly("PID", "COMMAND");
    client.stopContainerCmd(id).withTimeout(0).exec();
  }

  @Test
  void exec_framing_follows_the_start_and_a_missing_command_exits_127() throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withCmd("sleep", "100").exec().getId();
    client.startContainerCmd(id).exec();
    String tty = client.execCreateCmd(id).withTty(true).withCmd("echo", "hi").withAttachStdout(true).exec().getId();
    Frames framed = client.execStartCmd(tty).withTty(false).exec(new Frames());
    assertThat(framed.awaitCompletion(SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(framed.text(StreamType.STDOUT)).isEqualTo("hi\r\n"); // a terminal's output, framed
    String missing = client.execCreateCmd(id).withCmd("frobnicate").withAttachStdout(true).withAttachStderr(true)
        .exec().getId();
    Frames out = client.execStartCmd(missing).exec(new Frames());
    assertThat(out.awaitCompletion(SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(out.text(StreamType.STDOUT)).isEqualTo("OCI runtime exec failed: exec failed: unable to start "
        + "container process: exec: \"frobnicate\": executable file not found in $PATH: unknown\r\n");
    assertThat(client.inspectExecCmd(missing).exec().getExitCodeLong()).isEqualTo(127L);
    client.stopContainerCmd(id).withTimeout(0).exec();
  }

  @Test
  void host_config_members_round_trip_through_create_and_inspect() throws Exception {
    pullBusybox();
    String id = client.createContainerCmd("busybox").withCmd("true").withHostConfig(HostConfig.newHostConfig()
        .withInit(true).withCpusetCpus("0").withExtraHosts("a:1.2.3.4")
        .withCapAdd(com.github.dockerjava.api.model.Capability.NET_ADMIN).withPrivileged(true)
        .withShmSize(128L << 20).withDns("1.1.1.1").withOomScoreAdj(10).withPidMode("host")
        .withSecurityOpts(List.of("no-new-privileges")).withGroupAdd(List.of("audio"))
        .withDeviceCgroupRules(List.of("c 1:3 mr")).withReadonlyRootfs(true).withSysctls(Map.of("net.core.somaxconn",
            "1024")))
        .exec().getId();
    HostConfig host = client.inspectContainerCmd(id).exec().getHostConfig();
    assertThat(host.getInit()).isTrue();
    assertThat(host.getCpusetCpus()).isEqualTo("0");
    assertThat(host.getExtraHosts()).containsExactly("a:1.2.3.4");
    assertThat(host.getCapAdd()).containsExactly(com.github.dockerjava.api.model.Capability.NET_ADMIN);
    assertThat(host.getPrivileged()).isTrue();
    assertThat(host.getShmSize()).isEqualTo(128L << 20);
    assertThat(host.getDns()).containsExactly("1.1.1.1");
    assertThat(host.getOomScoreAdj()).isEqualTo(10);
    assertThat(host.getPidMode()).isEqualTo("host");
    assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
    assertThat(host.getGroupAdd()).containsExactly("audio");
    assertThat(host.getDeviceCgroupRules()).containsExactly("c 1:3 mr");
    assertThat(host.getReadonlyRootfs()).isTrue();
    assertThat(host.getSysctls()).containsEntry("net.core.somaxconn", "1024");
    assertThatThrownBy(() -> client.createContainerCmd("busybox")
        .withHostConfig(HostConfig.newHostConfig().withOomScoreAdj(5000)).exec())
        .isInstanceOf(com.github.dockerjava.api.exception.BadRequestException.class)
        .hasMessageContaining("Invalid value 5000, range for oom score adj is [-1000, 1000]");
  }
}
