package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of the documentation (README.md, CONTRIBUTING.md, docs/*.md) are excerpts of files in this
 * repository: every {@code ```java} block follows a {@code <!-- excerpt: PATH -->} line and must appear in PATH line
 * by line (indentation aside), in order, where a {@code // ...} line (alone, or followed by a comment) may stand for
 * any number of lines.
 */
class ReadmeSnippetsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern MARKER = Pattern.compile("<!-- excerpt: (\\S+) -->");
  static final String ELISION = "// ...";
  static final String FENCE = "```";

  record Excerpt(String doc, String file, int line, List<String> code) {}

  /** The documents whose Java blocks are checked, relative to the root. */
  static List<String> documents() throws IOException {
    List<String> docs = new ArrayList<>(List.of("README.md", "CONTRIBUTING.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.map(f -> "docs/" + f.getFileName()).filter(name -> name.endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static List<Excerpt> excerpts() throws IOException {
    List<Excerpt> out = new ArrayList<>();
    for (String doc : documents()) {
      out.addAll(excerpts(doc, Files.readAllLines(ROOT.resolve(doc))));
    }
    return out;
  }

  /** The excerpts of one document; fails on a java block without a marker, or a marker without a java block. */
  static List<Excerpt> excerpts(String doc, List<String> lines) {
    List<Excerpt> out = new ArrayList<>();
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.trim().startsWith(FENCE)) {
        if (!inBlock && line.trim().equals(FENCE + "java")) {
          Matcher m = MARKER.matcher(i > 0 ? lines.get(i - 1).trim() : "");
          assertThat(m.matches()).as("%s:%d: a java block without an <!-- excerpt: PATH --> line before it", doc, i + 1)
              .isTrue();
          int end = lines.subList(i + 1, lines.size()).indexOf(FENCE) + i + 1;
          assertThat(end).as("%s:%d has a closing fence", doc, i + 1).isGreaterThan(i);
          out.add(new Excerpt(doc, m.group(1), i + 2, lines.subList(i + 1, end)));
          i = end;
          continue;
        }
        inBlock = !inBlock;
      } else if (!inBlock && MARKER.matcher(line.trim()).matches()) {
        assertThat(i + 1 < lines.size() ? lines.get(i + 1) : "").as("%s:%d opens a java block", doc, i + 2)
            .isEqualTo(FENCE + "java");
      }
    }
    return out;
  }

  @Test
  void the_docs_quote_the_java_api_tour_junit_faults_scripted_processes_plain_http_and_docker_java()
      throws IOException {
    assertThat(excerpts()).map(e -> e.doc() + " <- " + e.file()).containsExactly(
        "README.md <- examples/src/test/java/io/mockdocker/examples/JavaApiTest.java",
        "README.md <- examples/src/test/java/io/mockdocker/examples/DeployerTest.java",
        "README.md <- examples/src/test/java/io/mockdocker/examples/PullRetryTest.java",
        "README.md <- examples/src/test/java/io/mockdocker/examples/TestcontainersTest.java",
        "docs/containers-and-the-shell.md <- examples/src/test/java/io/mockdocker/examples/JavaApiTest.java",
        "docs/examples.md <- examples/src/main/java/io/mockdocker/examples/Deployer.java",
        "docs/examples.md <- examples/src/test/java/io/mockdocker/examples/DockerJava.java",
        "docs/examples.md <- examples/src/test/java/io/mockdocker/examples/DockerJavaTest.java",
        "docs/faults-and-time.md <- mock-daemon/src/test/java/io/mockdocker/faults/FaultsAndTimeExampleTest.java",
        "docs/faults-and-time.md <- scenarios/src/test/java/io/mockdocker/scenarios/ContainerIgnoresStopTest.java");
  }

  @Test
  void every_excerpt_appears_in_the_file_it_names() throws IOException {
    for (Excerpt excerpt : excerpts()) {
      List<String> source = trimmed(Files.readAllLines(ROOT.resolve(excerpt.file())));
      int from = 0;
      int line = excerpt.line();
      for (List<String> segment : segments(trimmed(excerpt.code()))) {
        int at = find(source, segment, from);
        assertThat(at).as("%s:%d: this part of the excerpt is not in %s (after line %d):%n%s",
            excerpt.doc(), line, excerpt.file(), from, String.join("\n", segment)).isGreaterThanOrEqualTo(0);
        from = at + segment.size();
        line += segment.size() + 1;
      }
    }
  }

  @Test
  void a_java_block_without_a_marker_fails_and_other_blocks_need_none() {
    List<String> unmarked = List.of("text", "```java", "int x;", "```");
    assertThatThrownBy(() -> excerpts("doc.md", unmarked)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("doc.md:2: a java block without");
    List<String> marked = List.of("<!-- excerpt: A.java -->", "```java", "int x;", "```", "```sh", "ls", "```");
    assertThat(excerpts("doc.md", marked)).containsExactly(new Excerpt("doc.md", "A.java", 3, List.of("int x;")));
    assertThatThrownBy(() -> excerpts("doc.md", List.of("<!-- excerpt: A.java -->", "```sh", "ls", "```")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("opens a java block");
  }

  @Test
  void an_elision_skips_lines_but_a_changed_line_is_not_found() {
    List<String> source = List.of("a", "b", "c", "d");
    assertThat(segments(List.of("a", ELISION, "c", "d"))).containsExactly(List.of("a"), List.of("c", "d"));
    assertThat(find(source, List.of("c", "d"), 1)).isEqualTo(2);
    assertThat(find(source, List.of("b", "d"), 0)).isEqualTo(-1);
    assertThat(find(source, List.of("a"), 1)).isEqualTo(-1);
    assertThat(segments(List.of("a", "// ... later:", "d"))).containsExactly(List.of("a"), List.of("d"));
  }

  static List<String> trimmed(List<String> lines) {
    return lines.stream().map(String::trim).toList();
  }

  static List<List<String>> segments(List<String> code) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : code) {
      if (line.equals(ELISION) || line.startsWith(ELISION + " ")) {
        out.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    out.add(current);
    out.removeIf(List::isEmpty);
    return out;
  }

  /** Where {@code segment} starts in {@code source}, at or after {@code from}; -1 if nowhere. */
  static int find(List<String> source, List<String> segment, int from) {
    for (int i = from; i + segment.size() <= source.size(); i++) {
      if (source.subList(i, i + segment.size()).equals(segment)) {
        return i;
      }
    }
    return -1;
  }
}
