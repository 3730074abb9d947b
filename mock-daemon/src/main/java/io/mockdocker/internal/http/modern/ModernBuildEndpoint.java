package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.BuildDialect;
import io.mockdocker.internal.engine.BuildOutput;
import io.mockdocker.internal.engine.BuildRequest;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.InvalidInstruction;
import io.mockdocker.internal.engine.NotInRegistry;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.engine.RefusedByEngine;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoDecoder;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /build} with the classic builder: a tar context (plain or compressed) holding
 * the Dockerfile, {@code stream} lines, the {@code aux} ID on API 1.30+, {@code Successfully built} and
 * {@code Successfully tagged}. Errors before the first line are JSON errors; after it, {@code errorDetail} lines.
 */
final class ModernBuildEndpoint {
  private final Engine engine;

  ModernBuildEndpoint(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("POST", "/build", this::build));
  }

  private void build(Call<ModernVersion> call) {
    if (call.param("version").equals("2")) {
      throw new ApiError(400, "BuildKit (version=2) is not supported by this mock; use the classic builder");
    }
    List<ModernReference> tags = new ArrayList<>();
    for (String t : call.params("t")) {
      if (!t.isEmpty()) {
        tags.add(ModernReference.parse(t));
      }
    }
    Map<String, String> buildArgs = stringMap(call.param("buildargs"), "buildargs"); // null: no value given
    Map<String, String> labels = stringMap(call.param("labels"), "labels");
    labels.replaceAll((k, v) -> v == null ? "" : v);
    boolean rm = call.param("rm").isEmpty() || call.flag("rm");
    boolean quiet = call.flag("q");
    List<String> cacheFrom = cacheFrom(call.param("cachefrom"));
    BuildRequest request = new BuildRequest(BuildDialect.CLASSIC, call.param("dockerfile"), rm, call.flag("nocache"),
        buildArgs, labels, call.param("target"), cacheFrom, call.params("extrahosts"));
    byte[] context = call.body();
    JsonLines lines = new JsonLines(call.exchange(), "\r\n");
    Output out = new Output(lines, call.version().buildAux(), quiet);
    String id;
    try {
      id = engine.references().build(request, context, out);
    } catch (ModernImageStreams.StreamFailed e) {
      lines.finish();
      return;
    } catch (NotInRegistry e) {
      String message = e.tag().startsWith("sha256:") && e.tagMissing()
          ? "manifest for " + e.repository() + "@" + e.tag() + " not found: manifest unknown: manifest unknown"
          : "pull access denied for " + e.repository() + ", repository does not exist or may require 'docker login'";
      if (!lines.started()) {
        throw new ApiError(404, message);
      }
      lines.error(message);
      lines.finish();
      return;
    } catch (RefusedByEngine e) {
      if (e.reason() != RefusedByEngine.Reason.STEP_FAILED) {
        throw e;
      }
      String message = "The command '" + e.subjects().get(0) + "' returned a non-zero code: " + e.subjects().get(1);
      ObjectNode line = GoJson.object();
      line.putObject("errorDetail").put("code", Integer.parseInt(e.subjects().get(1))).put("message", message);
      lines.write(line.put("error", message));
      lines.finish();
      return;
    } catch (DockerException e) {
      if (!lines.started()) {
        if (e.getMessage().startsWith("Cannot locate specified Dockerfile") || e instanceof InvalidInstruction) {
          throw new ApiError(400, e.getMessage());
        }
        throw e;
      }
      lines.error(e.getMessage().strip());
      lines.finish();
      return;
    }
    for (ModernReference tag : tags) {
      engine.references().setTag(id, tag.repository(), tag.tag());
      if (!quiet) {
        lines.write(GoJson.object().put("stream", "Successfully tagged " + tag.familiar() + "\n"));
      }
    }
    if (quiet) {
      lines.write(GoJson.object().put("stream", ModernImageJson.id(id) + "\n"));
    }
    lines.finish();
  }

  /** {@code cachefrom}: a JSON array of image names; anything else is a 400 {@code error reading cache-from: …}. */
  private static List<String> cacheFrom(String json) {
    List<String> out = new ArrayList<>();
    if (json.isEmpty()) {
      return out;
    }
    JsonNode n;
    try {
      n = GoDecoder.unmarshal(json);
    } catch (DockerException e) {
      throw new ApiError(400, "error reading cache-from: " + e.getMessage());
    }
    if (n != null && n.isNull()) {
      return out;
    }
    if (n == null || !n.isArray()) {
      throw new ApiError(400, "error reading cache-from: json: cannot unmarshal " + goType(n)
          + " into Go value of type []string");
    }
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new ApiError(400, "error reading cache-from: json: cannot unmarshal " + goType(e)
            + " into Go value of type string");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static String goType(JsonNode n) {
    return n == null ? "null" : n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "bool"
        : n.isObject() ? "object" : n.isArray() ? "array" : "null";
  }

  private static Map<String, String> stringMap(String json, String what) {
    Map<String, String> out = new TreeMap<>();
    if (json.isEmpty()) {
      return out;
    }
    try {
      JsonNode n = GoJson.MAPPER.readTree(json);
      if (n != null && n.isObject()) {
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
      }
    } catch (IOException e) {
      // fall through
    }
    throw new ApiError(400, "invalid " + what + " JSON: " + json);
  }

  /** Build events as {@code {"stream":…}} lines; FROM's pulls as modern pull lines in the same stream. */
  private static final class Output implements BuildOutput {
    private final JsonLines lines;
    private final boolean aux;
    private final boolean quiet;

    Output(JsonLines lines, boolean aux, boolean quiet) {
      this.lines = lines;
      this.aux = aux;
      this.quiet = quiet;
    }

    @Override
    public void write(String text) {
      if (!quiet) {
        lines.write(GoJson.object().put("stream", text));
      }
    }

    @Override
    public ProgressSink pullSink() {
      return new ModernImageStreams.PullSink(lines, null);
    }

    @Override
    public void step(int number, int total, String instruction, String arguments, String original) {
      write("Step " + number + "/" + total + " : " + original + "\n");
    }

    @Override
    public void skipped(String instruction) {}

    @Override
    public void processOutput(String text) {
      write(text);
    }

    /** The classic builder's stderr writer: each write in red (ANSI 91), reset after. */
    @Override
    public void processError(String text) {
      write("\033[91m" + text + "\033[0m");
    }

    @Override
    public void stageBuilt(String imageId) {
      if (aux) {
        ObjectNode line = GoJson.object();
        line.putObject("aux").put("ID", ModernImageJson.id(imageId));
        lines.write(line);
      }
    }

    @Override
    public void built(String imageId) {
      write("Successfully built " + ModernImagesEndpoints.shortId(imageId) + "\n");
    }
  }
}
