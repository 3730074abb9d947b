package io.mockdocker.internal.engine;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.TransferKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One {@code POST /images/(name)/push}: the message sequence of v0.4.4's ImagePush. */
final class PushOperation {
  private final StateLock lock;
  private final ImageGraph graph;
  private final Registry registry;
  private final TagStore tags;
  private final OperationPools pools;
  private final Transfers transfers;
  private final ProgressSink sink;
  private String repository = "";
  private int layers;

  private record Element(String id, String tag) {}

  PushOperation(StateLock lock, ImageGraph graph, Registry registry, TagStore tags, OperationPools pools,
      Transfers transfers, ProgressSink sink) {
    this.lock = lock;
    this.graph = graph;
    this.registry = registry;
    this.tags = tags;
    this.pools = pools;
    this.transfers = transfers;
    this.sink = sink;
  }

  void run(String name, String endpoint, AuthConfig auth) {
    pools.add("push", name);
    repository = name;
    try {
      Image byId = lock.locked(() -> graph.get(name));
      if (byId == null) {
        Map<String, String> localRepo = lock.locked(() -> tags.repository(name));
        sink.status("The push refers to a repository [" + name + "] (len: "
            + (localRepo == null ? 0 : localRepo.size()) + ")");
        if (localRepo == null) {
          throw new DockerException("No such id: " + name);
        }
        pushRepository(name, localRepo, auth);
        return;
      }
      sink.status("The push refers to an image: [" + name + "]");
      if (endpoint.isEmpty()) {
        // pushImage announces the layer before its metadata PUT to "https:///v1" fails
        sink.status("Pushing " + byId.id());
        throw new DockerException("Failed to upload metadata: Put https:///v1/images/" + byId.id()
            + "/json: http: no Host in request URL");
      }
      pushImage(byId.id());
    } finally {
      pools.remove("push", name);
    }
  }

  private void pushRepository(String name, Map<String, String> localRepo, AuthConfig auth) {
    sink.status("Processing checksums");
    List<Element> imgList = imageList(localRepo);
    sink.status("Sending image list");
    String srvName = name;
    if (name.split("/", -1).length > 2) {
      srvName = "src/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
    checkIndexAccess(srvName, auth);
    String ep = registry.endpoint();
    sink.status("Pushing repository " + name + " to " + ep + " (" + localRepo.size() + " tags)");
    for (Element elem : imgList) {
      pushImage(elem.id());
      sink.status("Pushing tags for rev [" + elem.id() + "] on {" + ep + sink.tagPath(srvName, elem.tag()) + "}");
      RegistryAccess.receiveTag(registry, srvName, elem.tag(), elem.id());
    }
  }

  /** Every layer to upload, base layers first, each with the tag whose history reached it first. */
  private List<Element> imageList(Map<String, String> localRepo) {
    return lock.locked(() -> {
      List<Element> list = new ArrayList<>();
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      localRepo.forEach((tag, id) -> {
        Image image = graph.byId(id);
        if (image == null) {
          throw new DockerException("No such id: " + id);
        }
        for (Image layer : graph.history(image)) {
          if (seen.add(layer.id())) {
            list.add(0, new Element(layer.id(), tag));
          }
        }
      });
      return list;
    });
  }

  /** The index's answer to the image-list PUT: the account must exist, match, and own the namespace. */
  private void checkIndexAccess(String srvName, AuthConfig auth) {
    Registry.Account account = RegistryAccess.account(registry, auth.username());
    if (account == null || !account.password().equals(auth.password())) {
      throw new DockerException("Error: Status 401 trying to push repository " + srvName
          + ": {\"error\": \"Unauthorized\"}");
    }
    int slash = srvName.indexOf('/');
    if (slash < 0 || !srvName.substring(0, slash).equals(account.username())) {
      throw new DockerException("Error: Status 403 trying to push repository " + srvName
          + ": {\"error\": \"Access Denied\"}");
    }
  }

  private void pushImage(String id) {
    Image image = lock.locked(() -> graph.byId(id));
    sink.status("Pushing " + id);
    if (registry.findImage(id).isPresent()) {
      sink.status("Image " + id + " already uploaded ; skipping");
      return;
    }
    byte[] layer = layerBytes(graph, id);
    layer = transfers.withProgress(new Transfer(TransferKind.PUSH, repository, id, ++layers, 0), layer,
        layer.length, "Pushing", sink);
    RegistryAccess.receive(registry, RegistryAccess.remoteImage(image, image.size(), layer));
  }

  /** The stored archive when there is one (imports), else a tar of the layer as ExportRw made for commits. */
  static byte[] layerBytes(ImageGraph graph, String id) {
    try {
      Path archive = graph.archivePath(id);
      return Files.isRegularFile(archive) ? Files.readAllBytes(archive) : Layers.tarBytes(graph.layerDir(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
