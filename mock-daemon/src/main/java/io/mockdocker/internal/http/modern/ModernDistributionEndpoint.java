package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.NotInRegistry;
import io.mockdocker.internal.engine.RemoteManifest;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /distribution/{name}/json}: the manifest descriptor and platforms the registry answers for a reference,
 * read from the fake registry without pulling. The manifest is a single-platform image manifest, so there is one
 * platform, the image's. A repository the registry does not know is refused as Docker Hub refuses an anonymous
 * client (a registry host's own registry: {@code name unknown}); an unknown tag or digest is {@code manifest unknown}.
 */
final class ModernDistributionEndpoint {
  static final String MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
  private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final Engine engine;

  ModernDistributionEndpoint(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("GET", "/distribution/{name:.*}/json", this::inspect));
  }

  private void inspect(Call<ModernVersion> call) {
    String name = call.var("name");
    if (FULL_ID.matcher(name).matches()) {
      throw new ApiError(500, "no manifest found for full image ID");
    }
    int at = name.indexOf('@');
    String digest = at < 0 ? "" : name.substring(at + 1);
    if (at >= 0 && !DIGEST.matcher(digest).matches()) {
      throw new ApiError(400, "invalid reference format");
    }
    ModernReference ref = ModernReference.parse(at < 0 ? name : name.substring(0, at));
    RemoteManifest remote;
    try {
      remote = at < 0 ? engine.references().remoteManifest(ref.repository(), ref.tag())
          : engine.references().remoteManifestByDigest(ref.repository(), digest).orElseThrow(
              ModernDistributionEndpoint::manifestUnknown);
    } catch (NotInRegistry e) {
      throw e.tagMissing() ? manifestUnknown() : unknownRepository(ref);
    }
    ObjectNode descriptor = GoJson.object()
        .put("mediaType", MANIFEST_MEDIA_TYPE)
        .put("digest", remote.manifest().digest())
        .put("size", remote.manifest().size());
    ObjectNode platform = GoJson.object()
        .put("architecture", ModernImageJson.architecture(remote.architecture()))
        .put("os", "linux");
    ObjectNode out = GoJson.object();
    out.set("Descriptor", descriptor);
    out.set("Platforms", GoJson.array().add(platform));
    ModernResponses.json(call.exchange(), 200, out);
  }

  private static ApiError manifestUnknown() {
    return new ApiError(404, "manifest unknown: manifest unknown");
  }

  private static ApiError unknownRepository(ModernReference ref) {
    if (ModernReference.hasHost(ref.repository())) {
      return new ApiError(404, "name unknown: repository name not known to registry");
    }
    return new ApiError(403, "errors:\ndenied: requested access to the resource is denied\n"
        + "unauthorized: authentication required\n");
  }
}
