package io.mockdocker.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one-shot jobs on a Docker daemon through its Remote API v1.2, as an application of 2013 would: pull the image
 * (retrying once), create and start a container, wait for it, collect its output through attach, remove it.
 *
 * <pre>{@code
 * Deployment done = new Deployer(URI.create("http://127.0.0.1:4243")).deploy(Job.of("busybox", "echo", "hello"));
 * }</pre>
 */
public final class Deployer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHttp http;
  private final Backoff backoff;

  /** A deployer that waits two seconds before retrying a failed pull. */
  public Deployer(URI daemon) {
    this(daemon, Backoff.fixed(Duration.ofSeconds(2)));
  }

  public Deployer(URI daemon, Backoff backoff) {
    this.http = new DockerHttp(daemon);
    this.backoff = backoff;
  }

  /**
   * Runs the job and returns what it did; the container is removed whatever happens after its creation.
   *
   * @throws JobFailedException when the job exits with a non-zero code
   * @throws DeployException when a step fails
   */
  public Deployment deploy(Job job) {
    pull(job);
    JsonNode created = create(job);
    String id = created.get("Id").asText();
    Deployment deployment;
    try {
      deployment = run(id, warnings(created));
    } catch (RuntimeException e) {
      removeAfter(id, e);
      throw e;
    }
    remove(id);
    if (deployment.exitCode() != 0) {
      throw new JobFailedException(deployment);
    }
    return deployment;
  }

  /** Starts the container, waits for it to exit and collects its output. */
  private Deployment run(String id, List<String> warnings) {
    expect(http.post("/containers/" + id + "/start"), 204, "start of " + id);
    DockerHttp.Reply wait = expect(http.post("/containers/" + id + "/wait"), 200, "wait for " + id);
    int exitCode = read(wait, "wait for " + id).get("StatusCode").asInt();
    String output = new String(RawAttach.logs(http.daemon(), id), StandardCharsets.UTF_8);
    return new Deployment(id, exitCode, output, warnings);
  }

  /** Pulls {@code image:tag}; after a failure, waits as the backoff says and tries once more. */
  void pull(Job job) {
    try {
      pullOnce(job);
    } catch (DeployException first) {
      try {
        backoff.beforeRetry(first);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first.addSuppressed(e);
        throw first;
      }
      try {
        pullOnce(job);
      } catch (DeployException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }

  /**
   * One pull. Its answer is a 200 whose body is a run of JSON objects with nothing between them; an error after the
   * stream started comes as an {@code {"error":…}} object in it.
   */
  private void pullOnce(Job job) {
    String path = "/images/create?fromImage=" + encode(job.image()) + "&tag=" + encode(job.tag());
    HttpResponse<InputStream> response = http.postStreaming(path);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new DeployException("pull of " + job.reference() + " answered " + response.statusCode() + ": "
            + new String(body.readAllBytes(), StandardCharsets.UTF_8).strip());
      }
      try (MappingIterator<JsonNode> messages = JSON.readerFor(JsonNode.class).readValues(body)) {
        while (messages.hasNextValue()) {
          JsonNode message = messages.nextValue();
          if (message.hasNonNull("error")) {
            throw new DeployException("pull of " + job.reference() + " failed: " + message.get("error").asText());
          }
        }
      }
    } catch (IOException e) {
      throw new DeployException("pull of " + job.reference() + " broke off: " + e, e);
    }
  }

  private JsonNode create(Job job) {
    ObjectNode config = JSON.createObjectNode().put("Image", job.reference());
    if (!job.command().isEmpty()) {
      job.command().forEach(config.putArray("Cmd")::add);
    }
    if (job.memory() > 0) {
      config.put("Memory", job.memory());
    }
    String what = "create of " + job.reference();
    return read(expect(http.postJson("/containers/create", config.toString()), 201, what), what);
  }

  private void remove(String id) {
    expect(http.delete("/containers/" + id), 204, "remove of " + id);
  }

  private void removeAfter(String id, RuntimeException failure) {
    try {
      remove(id);
    } catch (DeployException e) {
      failure.addSuppressed(e);
    }
  }

  private static List<String> warnings(JsonNode created) {
    List<String> warnings = new ArrayList<>();
    created.path("Warnings").forEach(w -> warnings.add(w.asText()));
    return warnings;
  }

  /** The reply, if its status is the expected one; else its error text, as the daemon wrote it, in an exception. */
  private static DockerHttp.Reply expect(DockerHttp.Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new DeployException(what + " answered " + reply.status() + ": " + reply.text().strip());
    }
    return reply;
  }

  private static JsonNode read(DockerHttp.Reply reply, String what) {
    try {
      return JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new DeployException(what + " answered " + reply.status() + " with no JSON: " + reply.text(), e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
