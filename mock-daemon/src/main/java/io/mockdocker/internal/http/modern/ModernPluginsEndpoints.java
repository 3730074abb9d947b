package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Set;

/**
 * The managed-plugin endpoints of a daemon with no plugins installed and no registry of plugins it can reach: the
 * list is empty, a name is {@code plugin "x" not found}, and an install (privileges or pull) fails where the daemon
 * resolves the plugin's reference, with the text of a registry that refuses the repository. The fake registry holds
 * images, never plugins.
 */
final class ModernPluginsEndpoints {
  /** How resolving a plugin reference ended against a registry that has no such plugin for this daemon. */
  static final String NOT_RESOLVED = "error resolving plugin reference: pull access denied, repository does not "
      + "exist or may require authorization: server message: insufficient_scope: authorization failed";
  private static final Set<String> LIST_FILTERS = Set.of("enabled", "capability");
  private static final HttpString PLUGIN_NAME = new HttpString("Docker-Plugin-Name");

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/plugins", this::list),
        Route.of("GET", "/plugins/{name:.*}/json", this::notFound),
        Route.of("GET", "/plugins/privileges", this::privileges),
        Route.of("DELETE", "/plugins/{name:.*}", this::notFound),
        Route.of("POST", "/plugins/{name:.*}/enable", this::enable),
        Route.of("POST", "/plugins/{name:.*}/disable", this::notFound),
        Route.of("POST", "/plugins/pull", this::pull),
        Route.of("POST", "/plugins/{name:.*}/push", this::notFound),
        Route.of("POST", "/plugins/{name:.*}/upgrade", this::upgrade),
        Route.of("POST", "/plugins/{name:.*}/set", this::set),
        Route.of("POST", "/plugins/create", this::create));
  }

  private void list(Call<ModernVersion> call) {
    ModernFilters.parse(call.param("filters")).only(LIST_FILTERS);
    ModernResponses.json(call.exchange(), 200, GoJson.array());
  }

  private void notFound(Call<ModernVersion> call) {
    throw new ApiError(404, "plugin \"" + call.var("name") + "\" not found");
  }

  /** The arguments to set are a JSON list of strings, read before the plugin is looked up. */
  private void set(Call<ModernVersion> call) {
    ModernReadJson.read(call.body(), "[]string", true);
    notFound(call);
  }

  /** {@code timeout} is read as an integer first: absent or not a number is the parser's plain 500. */
  private void enable(Call<ModernVersion> call) {
    String timeout = call.param("timeout");
    if (!timeout.matches("[+-]?[0-9]{1,18}")) {
      throw new ApiError(500, "strconv.Atoi: parsing \"" + timeout + "\": invalid syntax");
    }
    notFound(call);
  }

  private void privileges(Call<ModernVersion> call) {
    remote(call.param("remote"));
    throw new ApiError(500, NOT_RESOLVED);
  }

  /** Pull (install): the privileges the user granted, the remote reference, the local name, then the fetch. */
  private void pull(Call<ModernVersion> call) {
    ModernReadJson.read(call.body(), "types.PluginPrivileges", true);
    ModernReference remote = remote(call.param("remote"));
    String name = call.param("name");
    call.exchange().getResponseHeaders().put(PLUGIN_NAME, name.isEmpty() ? remote.familiar() : local(name));
    throw new ApiError(500, NOT_RESOLVED);
  }

  /** Upgrade: the request is read as for a pull, then the installed plugin is looked up, which there is not. */
  private void upgrade(Call<ModernVersion> call) {
    ModernReadJson.read(call.body(), "types.PluginPrivileges", true);
    remote(call.param("remote"));
    call.exchange().getResponseHeaders().put(PLUGIN_NAME, call.var("name"));
    notFound(call);
  }

  /**
   * Create from a context: the name is parsed, then the tar is split into its {@code config.json} and its
   * {@code rootfs/} as the daemon split it, which refuses a context without either. A well-formed context is refused
   * too: this daemon keeps no plugins (see docs/limits.md).
   */
  private void create(Call<ModernVersion> call) {
    String name = call.param("name");
    if (name.matches("[0-9a-f]{64}")) {
      throw new ApiError(500, "failed to parse reference " + name + ": invalid repository name (" + name
          + "), cannot specify 64-byte hexadecimal strings");
    }
    try {
      ModernReference.parseWithDigest(name, "");
    } catch (ApiError invalid) {
      throw new ApiError(500, "failed to parse reference " + name + ": " + invalid.getMessage());
    }
    if (name.contains("@")) {
      throw new ApiError(500, "canonical references are not permitted");
    }
    PluginContext context = PluginContext.read(call.body());
    if (!context.rootfs()) {
      throw new ApiError(500, "no rootfs found: EOF");
    }
    if (context.config() == null) {
      throw new ApiError(500, "config not found");
    }
    com.fasterxml.jackson.databind.JsonNode config;
    try {
      config = io.mockdocker.internal.http.JsonBodies.value(context.config());
    } catch (io.mockdocker.internal.engine.DockerException e) {
      // the whole file is unmarshalled at once: a cut-short value is the end of the input, not of a stream
      String text = e.getMessage().endsWith("EOF") ? "unexpected end of JSON input" : e.getMessage();
      throw new ApiError(500, "failed to parse config: " + text);
    }
    if (!config.isObject() && !config.isNull()) {
      throw new ApiError(500, "failed to parse config: json: cannot unmarshal "
          + io.mockdocker.internal.http.JsonBodies.goType(config) + " into Go value of type types.PluginConfig");
    }
    throw new ApiError(500, UNSUPPORTED_CREATE);
  }

  /** What a well-formed plugin context gets: mock-docker has no plugin store. */
  static final String UNSUPPORTED_CREATE = "mock-docker keeps no plugins: plugin create is not supported";

  /** A plugin context as the daemon split it: its {@code config.json} (null when absent) and whether it has a rootfs. */
  private record PluginContext(byte[] config, boolean rootfs) {
    static PluginContext read(byte[] body) {
      if (body.length == 0) {
        return new PluginContext(null, false);
      }
      if (body.length < 512) {
        throw new ApiError(500, "failed to read from tar: unexpected EOF");
      }
      byte[] config = null;
      boolean rootfs = false;
      try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
          new java.io.ByteArrayInputStream(body))) {
        for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
          String path = entry.getName().replaceAll("^(\\.?/)+", "").replaceAll("/+$", "");
          if (path.equals("config.json")) {
            config = tar.readAllBytes();
          }
          if (path.equals("rootfs") || path.startsWith("rootfs/")) {
            rootfs = true;
          }
        }
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw new ApiError(500, "failed to read from tar: archive/tar: invalid tar header");
      }
      return new PluginContext(config, rootfs);
    }
  }

  /** A plugin reference as the router parsed it; its errors are plain (500), as the reference parser's were. */
  private static ModernReference remote(String remote) {
    if (remote.isEmpty()) {
      throw new ApiError(500, "repository name must have at least one component");
    }
    try {
      return ModernReference.parse(remote);
    } catch (ApiError invalid) {
      throw new ApiError(500, invalid.getMessage());
    }
  }

  private static String local(String name) {
    return remote(name).familiar();
  }
}
