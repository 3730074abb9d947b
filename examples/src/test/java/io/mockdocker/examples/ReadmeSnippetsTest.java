package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The top-level README's Java snippets are excerpts of files in this repository: a block that follows
 * {@code <!-- excerpt: PATH -->} must appear in PATH line by line (indentation aside), in order, where a
 * {@code // ...} line may stand for any number of lines.
 */
class ReadmeSnippetsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern MARKER = Pattern.compile("<!-- excerpt: (\\S+) -->");
  static final String ELISION = "// ...";

  record Excerpt(String file, int line, List<String> code) {}

  static List<Excerpt> excerpts() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    List<Excerpt> out = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      Matcher m = MARKER.matcher(readme.get(i).trim());
      if (!m.matches()) {
        continue;
      }
      assertThat(readme.get(i + 1)).as("README.md:%d opens a java block", i + 2).isEqualTo("```java");
      int end = readme.subList(i + 2, readme.size()).indexOf("```") + i + 2;
      assertThat(end).as("README.md:%d has a closing fence", i + 2).isGreaterThan(i + 1);
      out.add(new Excerpt(m.group(1), i + 3, readme.subList(i + 2, end)));
    }
    return out;
  }

  @Test
  void the_readme_shows_the_annotation_the_extension_field_plain_http_and_docker_java() throws IOException {
    assertThat(excerpts()).map(Excerpt::file).containsExactly(
        "examples/src/test/java/io/mockdocker/examples/DeployerTest.java",
        "examples/src/test/java/io/mockdocker/examples/PullRetryTest.java",
        "examples/src/main/java/io/mockdocker/examples/Deployer.java",
        "examples/src/test/java/io/mockdocker/examples/DockerJava.java",
        "examples/src/test/java/io/mockdocker/examples/DockerJavaTest.java");
  }

  @Test
  void every_readme_excerpt_appears_in_the_file_it_names() throws IOException {
    for (Excerpt excerpt : excerpts()) {
      List<String> source = trimmed(Files.readAllLines(ROOT.resolve(excerpt.file())));
      int from = 0;
      int line = excerpt.line();
      for (List<String> segment : segments(trimmed(excerpt.code()))) {
        int at = find(source, segment, from);
        assertThat(at).as("README.md:%d: this part of the excerpt is not in %s (after line %d):%n%s",
            line, excerpt.file(), from, String.join("\n", segment)).isGreaterThanOrEqualTo(0);
        from = at + segment.size();
        line += segment.size() + 1;
      }
    }
  }

  @Test
  void an_elision_skips_lines_but_a_changed_line_is_not_found() {
    List<String> source = List.of("a", "b", "c", "d");
    assertThat(segments(List.of("a", ELISION, "c", "d"))).containsExactly(List.of("a"), List.of("c", "d"));
    assertThat(find(source, List.of("c", "d"), 1)).isEqualTo(2);
    assertThat(find(source, List.of("b", "d"), 0)).isEqualTo(-1);
    assertThat(find(source, List.of("a"), 1)).isEqualTo(-1);
  }

  static List<String> trimmed(List<String> lines) {
    return lines.stream().map(String::trim).toList();
  }

  static List<List<String>> segments(List<String> code) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : code) {
      if (line.equals(ELISION)) {
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
