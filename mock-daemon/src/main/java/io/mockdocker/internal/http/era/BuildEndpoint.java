package io.mockdocker.internal.http.era;

import io.mockdocker.internal.engine.BuildOutput;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.engine.ProgressSink.Sizes;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build} in its 1.0–1.2 form: a multipart body with a {@code Dockerfile} part and an optional
 * {@code Context} tar, query {@code t}; raw text output flushed line by line, failures as {@code Error build: …} with
 * status 200, as the v0.4.4 daemon sent them.
 */
final class BuildEndpoint {
  private final Engine engine;
  private final EraFeatures release;

  BuildEndpoint(Engine engine, EraFeatures release) {
    this.engine = engine;
    this.release = release;
  }

  List<Route<ApiVersion>> routes() {
    return List.of(Route.of("POST", "/build", this::build));
  }

  private void build(Call<ApiVersion> call) throws IOException {
    var ex = call.exchange();
    Map<String, Multipart.Part> parts =
        Multipart.parse(ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), call.body());
    String remote = call.param("t");
    if (remote.isEmpty() && parts.containsKey("t") && !parts.get("t").file()) {
      remote = new String(parts.get("t").content(), StandardCharsets.UTF_8);
    }
    String tag = "";
    if (remote.contains(":")) {
      String[] split = remote.split(":", -1);
      tag = split[1];
      remote = split[0];
    }
    Multipart.Part dockerfile = parts.get("Dockerfile");
    if (dockerfile == null || !dockerfile.file()) {
      throw new DockerException("http: no such file");
    }
    Multipart.Part context = parts.get("Context");
    byte[] contextTar = context != null && context.file() ? context.content() : null;

    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.TEXT_PLAIN);
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    OutputStream out = ex.getOutputStream();
    RawOutput output = switch (release.buildOutput()) {
      case STEPS -> new RawOutput(out, release.progressSizes());
      case IMAGE_IDS -> new ImageIdOutput(out, release.progressSizes());
    };
    try {
      String id = engine.build(new String(dockerfile.content(), StandardCharsets.UTF_8), contextTar, output);
      if (!remote.isEmpty()) {
        try {
          engine.tag(id, remote, tag);
        } catch (DockerException ignored) {
          // v0.4.4 ignored the tagging error
        }
      }
    } catch (DockerException | UncheckedIOException e) {
      output.write("Error build: " + e.getMessage() + "\n");
    }
    out.close();
  }

  /** Build output: raw text, flushed per write; pulls for FROM in the raw formatter. */
  private static class RawOutput implements BuildOutput {
    private final OutputStream out;
    private final Sizes sizes;

    RawOutput(OutputStream out, Sizes sizes) {
      this.out = out;
      this.sizes = sizes;
    }

    @Override
    public void write(String text) {
      try {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public ProgressSink pullSink() {
      return new ProgressSink() {
        @Override
        public void status(String text) {
          write(text + "\r\n");
        }

        @Override
        public void progress(String action, String text) {
          write(action + " " + text + "\r");
        }

        @Override
        public void endOfTransfer() {
          write("\r\n");
        }

        @Override
        public Sizes sizes() {
          return sizes;
        }
      };
    }
  }

  /**
   * The build output before 0.4.3's "nicer output": each instruction with the full ID of the image before it, the
   * full ID after it, nothing about the cache or the step's container, and {@code Build successful.} at the end.
   */
  private static final class ImageIdOutput extends RawOutput {
    private String image = "";

    ImageIdOutput(OutputStream out, Sizes sizes) {
      super(out, sizes);
    }

    @Override
    public void step(int number, int total, String instruction, String arguments, String original) {
      write(instruction + " " + arguments + " (" + image + ")\n");
    }

    @Override
    public void skipped(String instruction) {
      write("Skipping unknown instruction " + instruction + "\n");
    }

    @Override
    public void usingCache() {}

    @Override
    public void runningIn(String containerId) {}

    @Override
    public void stepResult(String imageId) {
      image = imageId;
      write("===> " + imageId + "\n");
    }

    @Override
    public void built(String imageId) {
      write("Build successful.\n===> " + imageId + "\n");
    }
  }
}
