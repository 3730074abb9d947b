package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The classic builder's file steps: COPY and ADD with their sources (context paths and wildcards, or the file system
 * of an earlier stage or any image for {@code --from}) and WORKDIR's directory, each made in a step container and
 * committed.
 */
final class ClassicCopy {
  private final ClassicCommits commits;
  private final LayerStaging layers;
  private final ContainerStore store;
  private final Path context;
  /** The stages built so far: their names (lower case, or {@code null}) and image IDs, shared with the build. */
  private final List<String> stageNames;
  private final List<String> stageImages;
  /** An image by reference or ID, pulled when missing (the build's FROM resolution). */
  private final Function<String, Image> reference;

  ClassicCopy(ClassicCommits commits, LayerStaging layers, ContainerStore store, Path context,
      List<String> stageNames, List<String> stageImages, Function<String, Image> reference) {
    this.commits = commits;
    this.layers = layers;
    this.store = store;
    this.context = context;
    this.stageNames = stageNames;
    this.stageImages = stageImages;
    this.reference = reference;
  }

  void copy(DockerfileLine line, Map<String, String> env) {
    boolean add = line.name().equals("add");
    String keyword = add ? "ADD" : "COPY";
    Map<String, String> flags = line.flags(add ? Set.of("chown", "chmod", "link", "keep-git-dir", "checksum")
        : Set.of("chown", "chmod", "link", "from"));
    if (flags.containsKey("chmod")) {
      throw new DockerException("the --chmod" + ClassicBuild.BUILDKIT_ONLY);
    }
    List<String> words = DockerfileLine.jsonOrWords(line.rest());
    if (words.size() < 2) {
      throw new DockerException(keyword + " requires at least two arguments, but only one was provided. "
          + "Destination could not be determined");
    }
    List<String> sources = new ArrayList<>();
    for (String w : words.subList(0, words.size() - 1)) {
      sources.add(ShellLex.processWord(w, env));
    }
    String dest = ShellLex.processWord(words.get(words.size() - 1), env);
    String dir = commits.state.config.workingDir().isEmpty() ? "/" : commits.state.config.workingDir();
    refuseNul(keyword, sources, dest.startsWith("/") ? dest : dir + (dir.endsWith("/") ? "" : "/") + dest);
    if (!dest.startsWith("/")) { // relative to WORKDIR
      dest = Path.of(dir).resolve(dest).normalize() + (dest.endsWith("/") ? "/" : "");
      dest = dest.replace("//", "/");
    }
    String from = flags.getOrDefault("from", "");
    Path root = from.isEmpty() ? context : sourceImage(from);
    try {
      if (root == null) {
        throw new DockerException("No context given. Impossible to use " + keyword);
      }
      List<Path> paths = new ArrayList<>();
      for (String source : sources) {
        paths.addAll(from.isEmpty() ? contextSources(source, keyword) : List.of(imageSource(root, source)));
      }
      if (paths.isEmpty()) { // wildcards that matched nothing
        throw new DockerException(keyword + " failed: no source files were specified");
      }
      if (paths.size() > 1 && !dest.endsWith("/")) {
        throw new DockerException("When using " + keyword
            + " with more than one source file, the destination must be a directory and end with a /");
      }
      Config nop = commits.state.config.toBuilder().image(commits.image)
          .cmd(commits.nop(keyword + " " + String.join(" ", sources) + " in " + dest, true)).build();
      LiveContainer c = commits.create(nop);
      store.mount(c);
      for (Path path : paths) {
        BuildFiles.copyResolved(path, c.rootfs, dest, add && from.isEmpty(), layers);
      }
      commits.commitContainer(c, nop);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (root != null && root != context) {
        layers.discard(root);
      }
    }
  }

  /**
   * A NUL byte cannot be in a path the kernel is given: the daemon's lstat of it failed with {@code invalid argument}
   * (in its words, with the path inside the container rather than on its host).
   */
  private static void refuseNul(String keyword, List<String> sources, String dest) {
    for (String source : sources) {
      if (source.indexOf('\0') >= 0) {
        throw new DockerException(keyword + " failed: file not found in build context or excluded by .dockerignore: "
            + "stat " + source + ": invalid argument");
      }
    }
    if (dest.indexOf('\0') >= 0) {
      throw new DockerException("failed to copy files: lstat " + dest + ": invalid argument");
    }
  }

  /**
   * The context paths a source names: itself (missing: the daemon's {@code file not found in build context or excluded
   * by .dockerignore}), or the matches of a wildcard ({@code *}, {@code ?}, {@code [...]}), perhaps none.
   */
  private List<Path> contextSources(String source, String keyword) throws IOException {
    String trimmed = source.startsWith("/") ? source.substring(1) : source;
    trimmed = trimmed.startsWith("./") ? trimmed.substring(2) : trimmed;
    if (!source.matches(".*[*?\\[].*")) {
      try {
        return List.of(BuildFiles.inContext(context, source));
      } catch (DockerException missing) {
        throw new DockerException(keyword + " failed: file not found in build context or excluded by .dockerignore: "
            + "stat " + trimmed + ": file does not exist");
      }
    }
    FileSystem fs = context.getFileSystem();
    String pattern = trimmed;
    PathMatcher matcher = fs.getPathMatcher("glob:" + pattern.replace("{", "\\{"));
    List<Path> found;
    try (Stream<Path> walk = Files.walk(context)) {
      found = walk.filter(p -> !p.equals(context) && matcher.matches(context.relativize(p))).sorted().toList();
    }
    return found;
  }

  private static Path imageSource(Path root, String source) throws IOException {
    Path path = io.mockdocker.internal.shell.RootedPaths.resolve(root, source, true);
    if (!Files.exists(path)) {
      throw new DockerException("stat " + source + ": no such file or directory");
    }
    return path;
  }

  /**
   * The file system COPY {@code --from} reads: an earlier stage's image (by name or index) or any image (pulled when
   * missing), unpacked into a staging directory the caller discards.
   */
  private Path sourceImage(String from) {
    String id;
    int byName = stageNames.indexOf(from.toLowerCase(Locale.ROOT));
    if (byName >= 0) {
      id = stageImages.get(byName);
    } else if (from.matches("\\d+")) {
      int index = Integer.parseInt(from);
      if (index == stageImages.size()) {
        throw new DockerException("invalid from flag value " + from + ": refers to current build stage");
      }
      if (index > stageImages.size()) {
        throw new DockerException("invalid from flag value " + from + ": index out of bounds");
      }
      id = stageImages.get(index);
    } else {
      id = reference.apply(from).id();
    }
    Path staged = layers.staging();
    store.materialize(id, staged);
    return staged;
  }

  /** WORKDIR: a step container in which the directory is made, committed with a one-word comment. */
  void workdir(String comment) {
    Config nop = commits.state.config.toBuilder().image(commits.image).cmd(commits.nop(comment, true)).build();
    if (commits.fromCache(nop)) {
      return;
    }
    String dir = commits.state.config.workingDir();
    if (dir.indexOf('\0') >= 0) { // the kernel's EINVAL, in the daemon's words for the directory it could not make
      throw new DockerException("mkdir " + dir + ": invalid argument");
    }
    LiveContainer c = commits.create(nop);
    store.mount(c);
    try {
      Files.createDirectories(io.mockdocker.internal.shell.RootedPaths.resolve(c.rootfs, dir, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commits.commitContainer(c, nop);
  }
}
