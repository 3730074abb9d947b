package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.HostFiles;
import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Volumes, binds and tmpfs mounted into containers: what processes, archives and inspect see. No HTTP. */
class MountsEngineTest {
  static final String IMAGE = "b".repeat(64);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final HostFiles host = HostFiles.memory().withFile("/srv/app/config.yml", "answer: 42\n")
      .withDirectory("/srv/empty");
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).hostFiles(host).build();
  final Containers containers = engine.containers();

  MountsEngineTest() {
    Config image = Config.builder().cmd("sh").volumes(List.of("/cache")).build();
    engine.load(List.of(RemoteImage.builder(IMAGE).config(image).file("/seed/hello.txt", "from the image\n")
        .file("/cache/keep", "k").build()));
    engine.tag(IMAGE, "busybox", "latest");
    clock.runInstantly();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String create(MountRequest mounts, String... cmd) {
    HostConfig host = new HostConfig(false, "", null, "", "", 0, mounts);
    return containers.create(Config.builder().image("busybox").cmd(cmd).build(), "", host,
        new PortConfig(java.util.Set.of(), Map.of(), false)).fullId();
  }

  static MountRequest binds(String... binds) {
    return new MountRequest(List.of(binds), null, null, null);
  }

  /** Runs the container to its end; answers its exit code and combined output. */
  String run(String id) throws Exception {
    ContainerWaiter exit = containers.waiter(id, WaitCondition.NEXT_EXIT);
    containers.start(id);
    int code = exit.await();
    StringBuilder out = new StringBuilder();
    containers.logs(id, new LogOptions(true, true, null, null, -1, false),
        e -> out.append(new String(e.bytes(), StandardCharsets.UTF_8)));
    return code + ":" + out;
  }

  @Test
  void a_named_volume_is_shared_by_containers_and_outlives_them() throws Exception {
    String writer = create(binds("shared:/data"), "sh", "-c", "echo hello > /data/note; ls /data");
    assertThat(engine.volumes().inspect("shared").usedBy()).containsExactly(writer);
    assertThat(run(writer)).isEqualTo("0:note\n");
    String reader = create(binds("shared:/mnt/in"), "cat", "/mnt/in/note");
    assertThat(run(reader)).isEqualTo("0:hello\n");
    containers.remove(writer, false, true);
    containers.remove(reader, false, true);
    assertThat(Files.readString(engine.volumes().data("shared").resolve("note"))).isEqualTo("hello\n");
    assertThat(engine.volumes().inspect("shared").usedBy()).isEmpty();
  }

  @Test
  void inspect_shows_each_mount_as_the_daemon_did() {
    String id = create(new MountRequest(List.of("data:/data", "/srv/app:/app:ro"),
        List.of(new MountSpec("tmpfs", "", "/run/t", false, "", false, false, false, null, "", null, 0, 0)), null,
        null), "true");
    List<MountPoint> mounts = containers.inspect(id).mounts();
    String anon = mounts.get(1).name();
    assertThat(anon).matches("[0-9a-f]{64}");
    assertThat(mounts).containsExactly(
        new MountPoint("bind", "", "/srv/app", "/app", "", "ro", false, "rprivate"),
        new MountPoint("volume", anon, "/var/lib/docker/volumes/" + anon + "/_data", "/cache", "local", "", true, ""),
        new MountPoint("volume", "data", "/var/lib/docker/volumes/data/_data", "/data", "local", "z", true, ""),
        new MountPoint("tmpfs", "", "", "/run/t", "", "", true, ""));
  }

  @Test
  void an_empty_volume_gets_the_images_files_at_its_destination_unless_nocopy() throws Exception {
    assertThat(run(create(binds("seeded:/seed"), "cat", "/seed/hello.txt"))).isEqualTo("0:from the image\n");
    assertThat(run(create(binds("bare:/seed:nocopy"), "ls", "/seed"))).isEqualTo("0:");
    String id = create(binds(), "cat", "/cache/keep");
    assertThat(run(id)).isEqualTo("0:k");
  }

  @Test
  void a_read_only_bind_shows_the_host_files_and_refuses_writes() throws Exception {
    String id = create(binds("/srv/app:/app:ro"), "sh", "-c",
        "cat /app/config.yml; touch /app/new; echo x > /app/config.yml; mkdir /app/d; rm /app/config.yml");
    assertThat(run(id)).isEqualTo("1:answer: 42\n"
        + "touch: cannot touch `/app/new': Read-only file system\n"
        + "/bin/sh: cannot create /app/config.yml: Read-only file system\n"
        + "mkdir: cannot create directory `/app/d': Read-only file system\n"
        + "rm: cannot remove `/app/config.yml': Read-only file system\n");
  }

  @Test
  void a_process_scripts_file_write_lands_in_a_volume_and_fails_in_a_read_only_mount() throws Exception {
    engine.script(io.mockdocker.script.ProcessMatch.command("scripted"), io.mockdocker.script.ProcessScript.builder()
        .file("/out/result.txt", "done").file("/app/result.txt", "never").exit(0).build());
    String id = create(binds("results:/out", "/srv/app:/app:ro"), "scripted");
    assertThat(run(id)).isEqualTo("1:/app/result.txt: Read-only file system\n");
    assertThat(Files.readString(engine.volumes().data("results").resolve("result.txt"))).isEqualTo("done");
  }

  @Test
  void an_exec_sees_the_mounts_and_the_running_tmpfs() throws Exception {
    clock.stop();
    MountSpec tmpfs = new MountSpec("tmpfs", "", "/run/t", false, "", false, false, false, null, "", null, 0, 0);
    String id = create(new MountRequest(List.of("/srv/app:/app:ro"), List.of(tmpfs), null, null), "sleep", "100");
    containers.start(id);
    String exec = containers.execCreate(id, ExecConfig.of("sh", "-c",
        "cat /app/config.yml; echo t > /run/t/f; cat /run/t/f; touch /app/x"));
    StringBuilder out = new StringBuilder();
    containers.execStart(exec, null, (s, b) -> out.append(new String(b, StandardCharsets.UTF_8)), false);
    assertThat(out.toString()).isEqualTo("answer: 42\nt\ntouch: cannot touch `/app/x': Read-only file system\n");
    containers.kill(id);
  }

  @Test
  void writes_to_a_writable_bind_stay_in_memory_and_are_shared_by_that_host_path() throws Exception {
    assertThat(run(create(binds("/srv/app:/app"), "sh", "-c", "echo more >> /app/config.yml"))).isEqualTo("0:");
    assertThat(run(create(binds("/srv/app:/other"), "cat", "/other/config.yml")))
        .isEqualTo("0:answer: 42\nmore\n");
  }

  @Test
  void a_missing_host_path_is_made_in_memory_for_v_and_refused_for_mount() throws Exception {
    assertThat(run(create(binds("/srv/nothing:/n"), "ls", "-a", "/n"))).isEqualTo("0:.\n..\n");
    MountSpec bind = new MountSpec("bind", "/srv/nothing-else", "/n", false, "", false, false, false, null, "", null,
        0, 0);
    assertThatThrownBy(() -> create(new MountRequest(null, List.of(bind), null, null), "true"))
        .isInstanceOf(VolumeRefused.class)
        .hasMessage("invalid mount config for type \"bind\": bind source path does not exist: /srv/nothing-else");
  }

  @Test
  void refused_host_binds_still_take_the_docker_socket() {
    Engine strict = Engine.builder().clock(clock).hostFiles(HostFiles.refused()).build();
    try {
      strict.load(List.of(RemoteImage.builder(IMAGE).build()));
      strict.tag(IMAGE, "busybox", "latest");
      HostConfig refused = new HostConfig(false, "", null, "", "", 0, binds("/etc:/host-etc"));
      PortConfig none = new PortConfig(java.util.Set.of(), Map.of(), false);
      Config config = Config.builder().image("busybox").cmd("true").build();
      assertThatThrownBy(() -> strict.containers().create(config, "", refused, none))
          .hasMessage("host binds are refused by this daemon: /etc");
      HostConfig sock = new HostConfig(false, "", null, "", "", 0,
          binds("/var/run/docker.sock:/var/run/docker.sock"));
      String id = strict.containers().create(config, "", sock, none).fullId();
      assertThat(strict.archives().stat(id, "/var/run/docker.sock").size()).isZero();
    } finally {
      strict.close();
    }
  }

  @Test
  void a_destination_under_a_link_is_mounted_where_the_link_leads() throws Exception {
    var fs = com.google.common.jimfs.Jimfs.newFileSystem(com.google.common.jimfs.Configuration.unix());
    java.nio.file.Path rootfs = Files.createDirectories(fs.getPath("/rootfs/run"));
    rootfs = rootfs.getParent();
    Files.createDirectories(rootfs.resolve("var"));
    Files.createSymbolicLink(rootfs.resolve("var/run"), fs.getPath("/run"));
    java.nio.file.Path data = Files.createDirectories(fs.getPath("/volume"));
    var view = Mounts.view(rootfs, fs.getPath("/containers/none"), List.of(new Mounts.Attached(
        new MountPoint("volume", "v", "", "/var/run/sub", "local", "z", true, ""), data, false, false)));
    assertThat(view.resolve("/var/run/sub/f", true)).isEqualTo(data.resolve("f"));
    assertThat(view.resolve("/run/sub/f", true)).isEqualTo(data.resolve("f"));
  }

  @Test
  void bad_specs_get_the_daemons_400_texts() {
    assertThatThrownBy(() -> create(binds("data:/a:bogus"), "true")).hasMessage("invalid mode: bogus");
    assertThatThrownBy(() -> create(binds("data:relative"), "true")).hasMessage("invalid volume specification: "
        + "'data:relative': invalid mount config for type \"volume\": invalid mount path: 'relative' mount path must "
        + "be absolute");
    assertThatThrownBy(() -> create(binds("a1:/x", "b1:/x"), "true")).hasMessage("Duplicate mount point: /x");
    assertThatThrownBy(() -> create(new MountRequest(null, null, List.of("ghost"), null), "true"))
        .hasMessage("No such container: ghost");
  }

  @Test
  void tmpfs_is_empty_at_each_start_and_volumes_from_shares_the_mounts() throws Exception {
    MountSpec tmpfs = new MountSpec("tmpfs", "", "/scratch", false, "", false, false, false, null, "", null, 0, 0);
    String id = create(new MountRequest(List.of("v1:/v"), List.of(tmpfs), null, null), "sh", "-c",
        "ls /scratch; echo x > /scratch/f; echo y > /v/f");
    assertThat(run(id)).isEqualTo("0:");
    assertThat(run(id)).isEqualTo("0:");
    String other = create(new MountRequest(null, null, List.of(id + ":ro"), null), "sh", "-c",
        "cat /v/f; echo z > /v/f");
    assertThat(run(other)).isEqualTo("2:y\n/bin/sh: cannot create /v/f: Read-only file system\n");
    assertThat(containers.inspect(other).mounts()).extracting(MountPoint::destination, MountPoint::rw)
        .contains(org.assertj.core.groups.Tuple.tuple("/v", false));
  }

  @Test
  void rm_v_removes_anonymous_volumes_and_keeps_named_ones() {
    String id = create(binds("kept:/k", "/anon"), "true");
    List<String> names = containers.inspect(id).mounts().stream().map(MountPoint::name).toList();
    containers.remove(id, false, true);
    List<String> left = engine.volumes().list().stream().map(Volume::name).toList();
    assertThat(left).contains("kept");
    assertThat(names).filteredOn(n -> !n.equals("kept")).hasSize(2).allSatisfy(n -> assertThat(left)
        .doesNotContain(n));
  }

  @Test
  void archive_put_into_a_read_only_mount_is_refused_and_get_reads_the_mount() throws Exception {
    String id = create(binds("/srv/app:/app:ro", "box:/box"), "true");
    assertThatThrownBy(() -> engine.archives().extract(id, "/app", false, false, tar("x.txt", "x")))
        .isInstanceOf(VolumeRefused.class).hasMessage("mounted volume is marked read-only");
    engine.archives().extract(id, "/box", false, false, tar("x.txt", "in the box"));
    assertThat(Files.readString(engine.volumes().data("box").resolve("x.txt"))).isEqualTo("in the box");
    assertThat(engine.archives().stat(id, "/app/config.yml").size()).isEqualTo(11);
  }

  @Test
  void mount_and_unmount_events_carry_the_daemons_attributes() throws Exception {
    String id = create(binds("ev:/ev:ro"), "true");
    run(id);
    List<String> seen = new ArrayList<>();
    for (Event e : engine.events().history()) {
      if (e.type().equals("volume")) {
        seen.add(e.action() + " " + e.actorId() + " " + new java.util.TreeMap<>(e.attributes()));
      }
    }
    assertThat(seen).containsExactly("create ev {driver=local}",
        "create " + anonymous(id) + " {driver=local}",
        "mount ev {container=" + id + ", destination=/ev, driver=local, propagation=, read/write=false}",
        "mount " + anonymous(id) + " {container=" + id + ", destination=/cache, driver=local, propagation=, "
            + "read/write=true}",
        "unmount ev {container=" + id + ", driver=local}",
        "unmount " + anonymous(id) + " {container=" + id + ", driver=local}");
  }

  private String anonymous(String id) {
    return containers.inspect(id).mounts().stream().filter(m -> m.destination().equals("/cache")).findFirst()
        .orElseThrow().name();
  }

  static ByteArrayInputStream tar(String name, String content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(bytes.length);
      t.putArchiveEntry(e);
      t.write(bytes);
      t.closeArchiveEntry();
    }
    return new ByteArrayInputStream(out.toByteArray());
  }
}
