package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import io.mockdocker.script.TransferKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One {@code POST /images/create?fromSrc=…}: v0.4.4's ImageImport. */
final class ImportOperation {
  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final LayerStaging staging;
  private final Ids ids;
  private final Clock clock;
  private final Registry registry;
  private final Transfers transfers;
  private final ProgressSink sink;
  private final String version;

  ImportOperation(StateLock lock, ImageGraph graph, TagStore tags, LayerStaging staging, Ids ids, Clock clock,
      Registry registry, Transfers transfers, ProgressSink sink, String version) {
    this.version = version;
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.staging = staging;
    this.ids = ids;
    this.clock = clock;
    this.registry = registry;
    this.transfers = transfers;
    this.sink = sink;
  }

  String run(String src, InputStream body, String repo, String tag) {
    byte[] archive;
    if (src.equals("-")) {
      archive = Transfers.readAll(body);
    } else {
      String url = urlOf(src);
      sink.status("Downloading from " + url);
      byte[] bytes = Downloads.get(registry, url);
      archive = transfers.withProgress(new Transfer(TransferKind.IMPORT, url, "", 1, 0), bytes, bytes.length,
          "Importing", sink);
    }
    Path staged = staging.untar(archive);
    Image image = lock.locked(() -> {
      Image created = staging.register(new Image(ids.next(), "", "Imported from " + src, Times.now(clock), "",
          Config.empty(), version, "", null, "x86_64", 0), staged, 0);
      storeArchive(created.id(), archive);
      if (repo != null && !repo.isEmpty()) {
        tags.set(repo, tag, created.id());
      }
      return created;
    });
    sink.status(image.shortId());
    return image.shortId();
  }

  /** StoreImage kept the imported stream as it came, compressed or not; push uploads exactly these bytes. */
  private void storeArchive(String id, byte[] archive) {
    try {
      Files.write(graph.archivePath(id), archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code fromSrc} without a scheme is taken as a host name, as the daemon's url.Parse fallback did. */
  static String urlOf(String src) {
    try {
      URI uri = new URI(src);
      if (uri.getScheme() == null) {
        return "http://" + src;
      }
      return src;
    } catch (URISyntaxException e) {
      throw new DockerException("parse " + src + ": invalid URI");
    }
  }
}
