package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LayersTest {
  private static final FileTime MTIME = FileTime.fromMillis(1_370_000_000_123L);
  private static final FileTime MTIME_SECONDS = FileTime.fromMillis(1_370_000_000_000L);

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void closeFileSystem() throws IOException {
    fs.close();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // walkSize

  @Test
  void walk_size_of_a_root_with_one_ten_byte_file_and_one_subdirectory_is_two_directories_plus_ten() throws Exception {
    Path root = Files.createDirectories(fs.getPath("/layer"));
    Files.write(root.resolve("file"), new byte[10]);
    Files.createDirectory(root.resolve("sub"));

    assertThat(Layers.walkSize(root)).isEqualTo(4096 * 2 + 10);
  }

  @Test
  void walk_size_counts_a_symlink_as_the_length_of_its_target() throws Exception {
    Path root = Files.createDirectories(fs.getPath("/layer"));
    Files.createSymbolicLink(root.resolve("link"), fs.getPath("/usr/bin/env"));

    assertThat(Layers.walkSize(root)).isEqualTo(4096 + 12);
  }

  @Test
  void walk_size_of_an_empty_root_is_4096() throws Exception {
    assertThat(Layers.walkSize(Files.createDirectories(fs.getPath("/layer")))).isEqualTo(4096);
  }

  @Test
  void walk_size_of_a_missing_root_is_zero() throws Exception {
    assertThat(Layers.walkSize(fs.getPath("/missing"))).isZero();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // writeTar

  @Test
  void tar_lists_the_root_then_entries_depth_first_in_lexical_order() throws Exception {
    Path root = sampleTree();

    assertThat(entries(Layers.tarBytes(root))).extracting(TarArchiveEntry::getName).containsExactly(
        "./", "./a/", "./a/x", "./a.txt", "./bin", "./etc/", "./etc/hostname", "./etc/hosts");
  }

  @Test
  void tar_entries_carry_types_sizes_default_modes_root_owner_and_second_mtimes() throws Exception {
    List<TarArchiveEntry> entries = entries(Layers.tarBytes(sampleTree()));

    TarArchiveEntry dir = entries.get(0);
    TarArchiveEntry file = entries.get(6);
    TarArchiveEntry link = entries.get(4);
    assertThat(dir.isDirectory()).isTrue();
    assertThat(dir.getMode()).isEqualTo(0755);
    assertThat(file.getName()).isEqualTo("./etc/hostname");
    assertThat(file.isFile()).isTrue();
    assertThat(file.getSize()).isEqualTo(8);
    assertThat(file.getMode()).isEqualTo(0644);
    assertThat(file.getLastModifiedTime()).isEqualTo(MTIME_SECONDS);
    assertThat(file.getLongUserId()).isZero();
    assertThat(file.getLongGroupId()).isZero();
    assertThat(file.getUserName()).isEqualTo("root");
    assertThat(file.getGroupName()).isEqualTo("root");
    assertThat(link.isSymbolicLink()).isTrue();
    assertThat(link.getLinkName()).isEqualTo("usr/bin");
    assertThat(link.getMode()).isEqualTo(0777);
  }

  @Test
  void tar_of_a_root_with_one_small_file_is_one_10240_byte_block() throws Exception {
    Path root = Files.createDirectories(fs.getPath("/layer"));
    Files.write(root.resolve("file"), new byte[10]);

    assertThat(Layers.tarBytes(root)).hasSize(10240);
  }

  @Test
  void tar_uses_posix_permissions_when_the_file_system_has_them() throws Exception {
    try (FileSystem posix = posixFileSystem()) {
      Path root = Files.createDirectories(posix.getPath("/layer"));
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      Path script = Files.write(root.resolve("run.sh"), new byte[1]);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x--x"));

      assertThat(entries(Layers.tarBytes(root))).extracting(TarArchiveEntry::getMode).containsExactly(0700, 0751);
    }
  }

  @Test
  void write_tar_finishes_the_archive_but_leaves_the_stream_open() throws Exception {
    boolean[] closed = {false};
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    Layers.writeTar(sampleTree(), out);

    assertThat(closed[0]).isFalse();
    assertThat(out.size() % 10240).isZero();
    assertThat(entries(out.toByteArray())).hasSize(8);
  }

  @Test
  void write_tar_streams_file_contents_without_building_the_archive_first() throws Exception {
    Path root = Files.createDirectories(fs.getPath("/layer"));
    Files.write(root.resolve("big"), new byte[3 * 1024 * 1024]);
    long[] written = {0};
    int[] largestWrite = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        written[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        written[0] += len;
        largestWrite[0] = Math.max(largestWrite[0], len);
      }
    };

    Layers.writeTar(root, counting);

    // two headers, 3 MiB of data and two end records, padded to whole 10240-byte blocks: 308 blocks
    assertThat(written[0]).isEqualTo(308 * 10240);
    // gathered into writes of at most 256 KiB, never the 3 MiB archive at once
    assertThat(largestWrite[0]).isGreaterThan(10240).isLessThanOrEqualTo(256 * 1024);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // extractTar

  @Test
  void tar_round_trip_restores_contents_symlinks_and_modification_times() throws Exception {
    Path source = sampleTree();
    Path target = fs.getPath("/restored");

    Layers.extractTar(new ByteArrayInputStream(Layers.tarBytes(source)), target);

    assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("mockhost");
    assertThat(Files.readString(target.resolve("a/x"))).isEqualTo("x");
    assertThat(Files.readSymbolicLink(target.resolve("bin"))).isEqualTo(fs.getPath("usr/bin"));
    assertThat(Files.getLastModifiedTime(target.resolve("etc/hostname"))).isEqualTo(MTIME_SECONDS);
    assertThat(Files.getLastModifiedTime(target.resolve("etc"))).isEqualTo(MTIME_SECONDS);
    assertThat(Files.getLastModifiedTime(target.resolve("bin"), LinkOption.NOFOLLOW_LINKS)).isEqualTo(MTIME_SECONDS);
    assertThat(Layers.walkSize(target)).isEqualTo(Layers.walkSize(source));
    assertThat(Layers.tarBytes(target)).isEqualTo(Layers.tarBytes(source));
  }

  @Test
  void tar_round_trip_keeps_posix_permissions() throws Exception {
    try (FileSystem posix = posixFileSystem()) {
      Path root = Files.createDirectories(posix.getPath("/layer/bin"));
      Path tool = Files.write(root.resolve("tool"), new byte[] {1, 2});
      Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
      Path target = posix.getPath("/restored");

      Layers.extractTar(new ByteArrayInputStream(Layers.tarBytes(posix.getPath("/layer"))), target);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/tool"))))
          .isEqualTo("rwxr-x---");
    }
  }

  @Test
  void extracts_a_gzip_compressed_tar() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GzipCompressorOutputStream(compressed)) {
      out.write(Layers.tarBytes(sampleTree()));
    }

    assertExtractsSampleTree(compressed.toByteArray());
  }

  @Test
  void extracts_a_bzip2_compressed_tar() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new BZip2CompressorOutputStream(compressed)) {
      out.write(Layers.tarBytes(sampleTree()));
    }

    assertExtractsSampleTree(compressed.toByteArray());
  }

  @Test
  void extracts_an_xz_compressed_tar() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new XZCompressorOutputStream(compressed)) {
      out.write(Layers.tarBytes(sampleTree()));
    }

    assertExtractsSampleTree(compressed.toByteArray());
  }

  @Test
  void empty_input_gives_an_empty_tree() throws Exception {
    Path target = fs.getPath("/restored");

    Layers.extractTar(new ByteArrayInputStream(new byte[0]), target);

    assertThat(Files.isDirectory(target)).isTrue();
    try (Stream<Path> children = Files.list(target)) {
      assertThat(children).isEmpty();
    }
  }

  @Test
  void an_entry_climbing_out_with_dot_dot_is_rejected() throws Exception {
    byte[] tar = tarOf(file("../evil", "x"));

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(tar), fs.getPath("/layer/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Invalid tar entry: ../evil");
    assertThat(Files.exists(fs.getPath("/layer/evil"))).isFalse();
  }

  @Test
  void an_entry_with_dot_dot_in_the_middle_is_rejected() throws Exception {
    byte[] tar = tarOf(file("./a/../../evil", "x"));

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(tar), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Invalid tar entry: ./a/../../evil");
  }

  @Test
  void an_entry_leading_through_a_symlink_is_rejected() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("./escape", TarConstants.LF_SYMLINK);
    link.setLinkName("/");
    byte[] tar = tarOf(link, file("./escape/etc/passwd", "x"));

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(tar), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Invalid tar entry: ./escape/etc/passwd");
    assertThat(Files.exists(fs.getPath("/etc/passwd"))).isFalse();
  }

  @Test
  void random_bytes_are_not_a_tar_archive() {
    byte[] garbage = new byte[2048];
    new Random(42).nextBytes(garbage);

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(garbage), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("This does not look like a tar archive");
  }

  @Test
  void plain_text_is_not_a_tar_archive() {
    byte[] text = "this is not a tar archive\n".repeat(40).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(text), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("This does not look like a tar archive");
  }

  @Test
  void input_shorter_than_one_record_is_not_a_tar_archive() throws Exception {
    byte[] head = Arrays.copyOf(Layers.tarBytes(sampleTree()), 300);

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(head), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("This does not look like a tar archive");
  }

  @Test
  void a_tar_cut_inside_file_data_ends_with_unexpected_eof() throws Exception {
    byte[] tar = tarOf(file("./big", "y".repeat(3000)));
    byte[] truncated = Arrays.copyOf(tar, 1000);

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(truncated), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Unexpected EOF in archive");
  }

  @Test
  void a_gzip_stream_cut_short_ends_with_unexpected_eof() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GzipCompressorOutputStream(compressed)) {
      out.write(Layers.tarBytes(sampleTree()));
    }
    byte[] truncated = Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2);

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(truncated), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Unexpected EOF in archive");
  }

  @Test
  void a_gzip_stream_with_a_bad_checksum_is_corrupt() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GzipCompressorOutputStream(compressed)) {
      out.write(Layers.tarBytes(sampleTree()));
    }
    byte[] damaged = compressed.toByteArray();
    damaged[damaged.length - 8] ^= 0x01;

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(damaged), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Corrupt gzip stream");
  }

  @Test
  void a_corrupt_header_after_the_first_is_an_invalid_tar_header() throws Exception {
    byte[] tar = tarOf(file("./a", "a"), file("./b", "b"));
    tar[1024 + 1] ^= 0x01;

    assertThatThrownBy(() -> Layers.extractTar(new ByteArrayInputStream(tar), fs.getPath("/restored")))
        .isInstanceOf(IOException.class)
        .hasMessage("Invalid tar header");
  }

  @Test
  void a_missing_end_of_archive_marker_or_trailing_partial_record_is_tolerated() throws Exception {
    byte[] tar = tarOf(file("./a", "a"), file("./b", "b"));
    byte[] cut = Arrays.copyOf(tar, 1024 + 300);
    Path target = fs.getPath("/restored");

    Layers.extractTar(new ByteArrayInputStream(cut), target);

    assertThat(Files.readString(target.resolve("a"))).isEqualTo("a");
    assertThat(Files.exists(target.resolve("b"))).isFalse();
  }

  @Test
  void a_hard_link_is_extracted_as_a_copy_of_its_target() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("./etc/alias", TarConstants.LF_LINK);
    link.setLinkName("./etc/hosts");
    byte[] tar = tarOf(file("./etc/hosts", "127.0.0.1 localhost\n"), link);
    Path target = fs.getPath("/restored");

    Layers.extractTar(new ByteArrayInputStream(tar), target);

    assertThat(Files.readString(target.resolve("etc/alias"))).isEqualTo("127.0.0.1 localhost\n");
    assertThat(Files.isSymbolicLink(target.resolve("etc/alias"))).isFalse();
  }

  @Test
  void extraction_replaces_existing_files_and_creates_missing_parents() throws Exception {
    Path target = Files.createDirectories(fs.getPath("/restored"));
    Files.writeString(target.resolve("motd"), "old");
    byte[] tar = tarOf(file("motd", "new"), file("/deep/er/file", "deep"));

    Layers.extractTar(new ByteArrayInputStream(tar), target);

    assertThat(Files.readString(target.resolve("motd"))).isEqualTo("new");
    assertThat(Files.readString(target.resolve("deep/er/file"))).isEqualTo("deep");
  }

  @Test
  void extraction_does_not_close_the_input() throws Exception {
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream(Layers.tarBytes(sampleTree())) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    Layers.extractTar(in, fs.getPath("/restored"));

    assertThat(closed[0]).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // copyTree

  @Test
  void copy_tree_copies_files_symlinks_and_modification_times() throws Exception {
    Path source = sampleTree();
    Path copy = fs.getPath("/copies/one");

    Layers.copyTree(source, copy);

    assertThat(Files.readString(copy.resolve("etc/hostname"))).isEqualTo("mockhost");
    assertThat(Files.readSymbolicLink(copy.resolve("bin"))).isEqualTo(fs.getPath("usr/bin"));
    assertThat(Files.getLastModifiedTime(copy.resolve("etc/hostname"))).isEqualTo(MTIME);
    assertThat(Files.getLastModifiedTime(copy.resolve("etc"))).isEqualTo(MTIME);
    assertThat(Layers.tarBytes(copy)).isEqualTo(Layers.tarBytes(source));
  }

  @Test
  void copy_tree_merges_into_an_existing_directory_and_leaves_the_source_alone() throws Exception {
    Path source = sampleTree();
    Path copy = Files.createDirectories(fs.getPath("/copy"));
    Files.writeString(copy.resolve("extra"), "kept");
    Files.createDirectories(copy.resolve("etc"));
    Files.writeString(copy.resolve("etc/hostname"), "replaced");

    Layers.copyTree(source, copy);
    Files.writeString(copy.resolve("a/x"), "changed");

    assertThat(Files.readString(copy.resolve("extra"))).isEqualTo("kept");
    assertThat(Files.readString(copy.resolve("etc/hostname"))).isEqualTo("mockhost");
    assertThat(Files.readString(source.resolve("a/x"))).isEqualTo("x");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // helpers

  /**
   * {@code /layer} with {@code a/x}, {@code a.txt}, {@code bin -> usr/bin}, {@code etc/hostname} and
   * {@code etc/hosts}, every modification time {@link #MTIME}.
   */
  private Path sampleTree() throws IOException {
    Path root = Files.createDirectories(fs.getPath("/layer"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
    Files.writeString(root.resolve("etc/hostname"), "mockhost");
    Files.writeString(root.resolve("a.txt"), "text");
    Files.writeString(root.resolve("a/x"), "x");
    Files.createSymbolicLink(root.resolve("bin"), fs.getPath("usr/bin"));
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setTimes(MTIME, null, null);
      }
    }
    return root;
  }

  private void assertExtractsSampleTree(byte[] archive) throws IOException {
    Path target = fs.getPath("/restored");

    Layers.extractTar(new ByteArrayInputStream(archive), target);

    assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("mockhost");
    assertThat(Files.readString(target.resolve("etc/hosts"))).isEqualTo("127.0.0.1 localhost\n");
    assertThat(Files.readSymbolicLink(target.resolve("bin"))).isEqualTo(fs.getPath("usr/bin"));
    assertThat(Layers.walkSize(target)).isEqualTo(Layers.walkSize(fs.getPath("/layer")));
  }

  private static FileSystem posixFileSystem() {
    return Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix")
        .build());
  }

  private static List<TarArchiveEntry> entries(byte[] tar) throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** A regular-file entry paired with its content, for {@link #tarOf}. */
  private record FileEntry(TarArchiveEntry entry, byte[] content) {}

  private static FileEntry file(String name, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    return new FileEntry(entry, bytes);
  }

  /** A tar of the given entries: {@link FileEntry}s with content, bare {@link TarArchiveEntry}s without. */
  private static byte[] tarOf(Object... items) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (Object item : items) {
        if (item instanceof FileEntry file) {
          out.putArchiveEntry(file.entry());
          out.write(file.content());
        } else {
          out.putArchiveEntry((TarArchiveEntry) item);
        }
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
