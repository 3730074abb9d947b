package io.mockdocker.examples;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** docker-java 3.7.1 pinned to API 1.2, and what it takes to read an era attach stream with it. */
final class DockerJava {
  private DockerJava() {}

  /** A client for {@code tcp://127.0.0.1:PORT} speaking {@code /v1.2/…} over the zerodep transport. */
  static DockerClient client(String dockerHost) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .withApiVersion("1.2")
        .build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(30))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /**
   * Collects attach output. API 1.2 streams are not multiplexed, so docker-java's frame reader sees a first byte
   * that is no stream type and hands out {@code StreamType.RAW} frames (the first of them one byte long); the
   * payloads joined are the bytes the daemon sent.
   */
  static final class RawOutput extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder types = new StringBuilder();

    @Override
    public synchronized void onNext(Frame frame) {
      bytes.writeBytes(frame.getPayload());
      if (types.indexOf(frame.getStreamType().name()) < 0) {
        types.append(types.length() == 0 ? "" : ",").append(frame.getStreamType());
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The distinct stream types seen, in order, e.g. {@code RAW}. */
    synchronized String streamTypes() {
      return types.toString();
    }
  }
}
