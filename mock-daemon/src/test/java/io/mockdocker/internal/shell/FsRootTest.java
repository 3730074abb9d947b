package io.mockdocker.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mount table paths resolve through: mounts at their destinations, links and {@code ..} as container paths. */
class FsRootTest {
  final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  final Path root = fs.getPath("/rootfs");
  final Path ro = fs.getPath("/vol/ro");
  final Path rw = fs.getPath("/vol/rw");
  final FsRoot view;

  FsRootTest() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("app/data"));
    Files.writeString(root.resolve("etc/hosts"), "root's");
    Files.createDirectories(ro);
    Files.createDirectories(rw);
    Files.writeString(ro.resolve("conf"), "ro");
    Files.createSymbolicLink(ro.resolve("hosts"), fs.getPath("/etc/hosts"));
    Files.createSymbolicLink(ro.resolve("up"), fs.getPath("../etc/hosts"));
    view = FsRoot.of(root, List.of(new FsRoot.Mount("/app", ro, true), new FsRoot.Mount("/app/data", rw, false)));
  }

  @Test
  void a_mount_shows_at_its_destination_and_the_deepest_one_wins() throws Exception {
    assertThat(view.resolve("/app/conf", true)).isEqualTo(ro.resolve("conf"));
    assertThat(view.resolve("/app/data/new", true)).isEqualTo(rw.resolve("new"));
    assertThat(view.resolve("/etc/hosts", true)).isEqualTo(root.resolve("etc/hosts"));
    assertThat(view.resolve("/app", true)).isEqualTo(ro);
  }

  @Test
  void links_and_dot_dot_inside_a_mount_are_container_paths() throws Exception {
    assertThat(view.resolve("/app/hosts", true)).isEqualTo(root.resolve("etc/hosts"));
    assertThat(view.resolve("/app/up", true)).isEqualTo(root.resolve("etc/hosts"));
    assertThat(view.resolve("/app/data/../../etc/hosts", true)).isEqualTo(root.resolve("etc/hosts"));
    assertThat(view.resolve("/app/hosts", false)).isEqualTo(ro.resolve("hosts"));
  }

  @Test
  void read_only_is_decided_by_the_mount_holding_the_file() throws Exception {
    assertThat(view.readOnly(view.resolve("/app/conf", true))).isTrue();
    assertThat(view.readOnly(view.resolve("/app/data/x", true))).isFalse();
    assertThat(view.readOnly(view.resolve("/etc/hosts", true))).isFalse();
    assertThatThrownBy(() -> view.requireWritable(view.resolve("/app/conf", true), "/app/conf"))
        .isInstanceOf(FileSystemException.class).hasMessage("/app/conf: Read-only file system");
    assertThat(view.containerPath(rw.resolve("x"))).isEqualTo("/app/data/x");
    assertThat(view.containerPath(ro)).isEqualTo("/app");
    assertThat(view.containerPath(root.resolve("etc/hosts"))).isEqualTo("/etc/hosts");
  }
}
