package io.mockdocker.internal.rcli;

import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerListing;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.HumanUnits;
import io.mockdocker.internal.engine.Image;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the era CLI printed about objects: the {@code ps} table and {@code inspect}'s JSON. */
final class RcliListing {
  private final Engine engine;
  private final RcliOutput out;

  RcliListing(Engine engine, RcliOutput out) {
    this.engine = engine;
    this.out = out;
  }

  /** {@code docker inspect}: a container's, else an image's, indented JSON; nothing when neither exists. */
  void inspect(List<String> args) {
    GoFlags cmd = RcliCommands.subcmd(out, "inspect", "CONTAINER", "Return low-level information on a container");
    if (!RcliCommands.parsed(cmd, args, 1)) {
      return;
    }
    String name = cmd.arg(0);
    Optional<Container> c = RcliCommands.container(engine, name);
    String json;
    if (c.isPresent()) {
      json = RcliJson.indented(RcliJson.container(c.get()));
    } else {
      Optional<Image> image = engine.findImage(name);
      if (image.isEmpty()) {
        return; // no output at all: the object does not exist
      }
      json = RcliJson.indented(RcliJson.image(image.get()));
    }
    out.print(json + "\n");
  }

  /** {@code docker ps}: the era's table (or the short IDs with {@code -q}). */
  void ps(List<String> args) {
    GoFlags cmd = RcliCommands.subcmd(out, "ps", "[OPTIONS]", "List containers")
        .bool("q", "Only display numeric IDs")
        .bool("a", "Show all containers. Only running containers are shown by default.")
        .bool("notrunc", "Don't truncate output")
        .bool("l", "Show only the latest created container, include non-running ones.")
        .integer("n", -1, "Show n last created containers, include non-running ones.");
    if (!RcliCommands.parsed(cmd, args, 0)) {
      return;
    }
    boolean quiet = cmd.bool("q");
    long last = cmd.integer("n");
    if (last == -1 && cmd.bool("l")) {
      last = 1;
    }
    int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, last));
    List<ContainerListing> rows = engine.containers().list(cmd.bool("a"), limit, "", "");
    if (quiet) {
      StringBuilder sb = new StringBuilder();
      rows.forEach(row -> sb.append(row.container().shortId()).append('\n'));
      if (sb.length() > 0) {
        out.print(sb.toString());
      }
      return;
    }
    StringBuilder table = new StringBuilder("ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tCOMMENT\tPORTS\n");
    for (ContainerListing row : rows) {
      Container c = row.container();
      String command = c.command();
      if (!cmd.bool("notrunc") && command.length() > 20) {
        command = command.substring(0, 20);
      }
      table.append(c.shortId()).append('\t').append(row.image()).append('\t').append(command).append('\t')
          .append(ago(c.created())).append('\t').append(row.status()).append('\t').append("").append('\t')
          .append(c.networkSettings().portsHuman()).append('\n');
    }
    out.print(TabWriter.format(table.toString(), 12, 3));
  }

  private String ago(java.time.OffsetDateTime t) {
    return HumanUnits.duration(Duration.between(t.toInstant(), engine.clock().now())) + " ago";
  }
}
