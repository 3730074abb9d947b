package io.mockdocker.internal.rcli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's {@code text/tabwriter} as the era's CLI used it (space padding, left-aligned, no flags): a tab ends a cell,
 * and each column of tab-ended cells in a run of consecutive lines is padded to its widest cell plus {@code padding},
 * at least {@code minwidth}. The last cell of a line is not part of any column and is written as it is.
 */
final class TabWriter {
  private final int minwidth;
  private final int padding;
  private final List<String[]> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private TabWriter(String text, int minwidth, int padding) {
    this.minwidth = minwidth;
    this.padding = padding;
    for (String line : text.split("\n", -1)) {
      lines.add(line.split("\t", -1));
    }
  }

  /** The text laid out as a writer with these settings flushes it. */
  static String format(String text, int minwidth, int padding) {
    TabWriter w = new TabWriter(text, minwidth, padding);
    w.format(0, w.lines.size());
    return w.out.toString();
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int i = line0; i < line1; i++) {
      if (column >= lines.get(i).length - 1) {
        continue;
      }
      // a cell in this column: the block of lines that have one runs from here
      writeLines(line0, i);
      line0 = i;
      int width = minwidth;
      for (; i < line1 && column < lines.get(i).length - 1; i++) {
        width = Math.max(width, runes(lines.get(i)[column]) + padding);
      }
      widths.add(width);
      format(line0, i);
      widths.remove(widths.size() - 1);
      line0 = i;
      i--;
    }
    writeLines(line0, line1);
  }

  private void writeLines(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      String[] cells = lines.get(i);
      for (int j = 0; j < cells.length; j++) {
        out.append(cells[j]);
        if (j < widths.size() && j < cells.length - 1) {
          char[] pad = new char[widths.get(j) - runes(cells[j])];
          Arrays.fill(pad, ' ');
          out.append(pad);
        }
      }
      if (i + 1 < lines.size()) {
        out.append('\n');
      }
    }
  }

  private static int runes(String s) {
    return s.codePointCount(0, s.length());
  }
}
