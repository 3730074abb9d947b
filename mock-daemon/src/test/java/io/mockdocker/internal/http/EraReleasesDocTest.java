package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "Era releases" table of docs/era-view.md is the data of {@link EraFeatures}, row for row. */
class EraReleasesDocTest {
  static final Path DOC = Path.of("..").toAbsolutePath().normalize().resolve("docs/era-view.md");

  @Test
  void the_table_lists_every_release_and_every_difference_with_the_values_of_the_rows() throws Exception {
    List<String> lines = Files.readAllLines(DOC);
    int header = lines.indexOf("| difference | " + String.join(" | ", EraFeatures.releases()) + " |");
    assertThat(header).as("the table's header names the releases in order").isPositive();
    Map<String, List<String>> documented = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> cells = cells(lines.get(i));
      String first = cells.get(0);
      assertThat(first).as("a row starts with the field's name in backticks").startsWith("`");
      documented.put(first.substring(1, first.indexOf('`', 1)), cells.subList(1, cells.size()));
    }
    Map<String, List<String>> data = new LinkedHashMap<>();
    for (RecordComponent field : EraFeatures.class.getRecordComponents()) {
      if (field.getName().equals("release")) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (EraFeatures row : EraFeatures.ALL) {
        values.add(render(field.getAccessor().invoke(row)));
      }
      data.put(field.getName(), values);
    }
    assertThat(documented).isEqualTo(data);
  }

  static List<String> cells(String line) {
    String inner = line.substring(1, line.length() - 1);
    return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
  }

  /** How the table writes a value: yes/no, enum names in words, sets sorted and joined, nothing as a dash. */
  static String render(Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    if (value instanceof Set<?> set) {
      return set.isEmpty() ? "–" : String.join(", ", set.stream().map(String::valueOf).sorted().toList());
    }
    return String.valueOf(value);
  }
}
