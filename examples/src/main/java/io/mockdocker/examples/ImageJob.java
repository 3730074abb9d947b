package io.mockdocker.examples;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A job runner as an application of today would write it with docker-java: build an image from a directory with a
 * Dockerfile, run one container of it with a command, wait for it, collect its logs (stdout and stderr apart), and
 * remove the container. What the mock's modern profile is for.
 */
public final class ImageJob {
  private final DockerClient docker;
  private final Duration timeout;

  public ImageJob(DockerClient docker, Duration timeout) {
    this.docker = docker;
    this.timeout = timeout;
  }

  /** What a job left: the image it built, the container's exit code and its output. */
  public record Result(String imageId, int exitCode, String stdout, String stderr) {}

  /**
   * A docker-java client for {@code dockerHost} (e.g. {@code tcp://127.0.0.1:2375}); {@code apiVersion} {@code null}
   * leaves the version unset, so docker-java sends paths without {@code /vX.Y} and the daemon uses its newest.
   */
  public static DockerClient connect(String dockerHost, String apiVersion) {
    DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost);
    if (apiVersion != null) {
      config.withApiVersion(apiVersion);
    }
    DefaultDockerClientConfig built = config.build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(built.getDockerHost())
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(60))
        .build();
    return DockerClientImpl.getInstance(built, http);
  }

  /** Builds {@code context} as {@code tag}, then runs {@code command} in it (the image's CMD when empty). */
  public Result run(Path context, String tag, String... command) throws InterruptedException {
    String imageId = docker.buildImageCmd(context.toFile())
        .withTags(Set.of(tag))
        .exec(new BuildImageResultCallback())
        .awaitImageId(timeout.toSeconds(), TimeUnit.SECONDS);
    var create = docker.createContainerCmd(tag).withLabels(Map.of("job", tag));
    if (command.length > 0) {
      create.withCmd(command);
    }
    String id = create.exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      int exitCode = docker.waitContainerCmd(id).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
      Logs logs = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll().exec(new Logs());
      logs.awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
      return new Result(imageId, exitCode, logs.text(StreamType.STDOUT), logs.text(StreamType.STDERR));
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  /** Collects multiplexed log frames by stream. */
  static final class Logs extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Override
    public synchronized void onNext(Frame frame) {
      (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(frame.getPayload());
    }

    synchronized String text(StreamType type) {
      return (type == StreamType.STDERR ? stderr : stdout).toString(StandardCharsets.UTF_8);
    }
  }
}
