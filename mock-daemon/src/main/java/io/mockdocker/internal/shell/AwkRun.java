package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Awk.Expr;
import io.mockdocker.internal.shell.Awk.Killed;
import io.mockdocker.internal.shell.Awk.Str;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One awk run: variables, the current record and its fields, and the output; also awk's value conversions
 * (string, number, truth, comparison) and its number formatting.
 */
final class AwkRun {
  private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*");
  private static final Pattern LEADING = Pattern.compile("\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  final Map<String, Object> vars = new HashMap<>();
  final StringBuilder out = new StringBuilder();
  final Map<String, Pattern> regexes = new HashMap<>();
  List<String> fields = new ArrayList<>();
  String record = "";
  long steps;

  Object var(String name) {
    if (name.equals("NF")) {
      return (double) (fields.size());
    }
    return vars.getOrDefault(name, new Str("", true));
  }

  void setVar(String name, Object v) {
    if (name.equals("NF")) {
      int nf = (int) num(v);
      while (fields.size() < nf) {
        fields.add("");
      }
      fields = new ArrayList<>(fields.subList(0, Math.max(0, nf)));
      rebuild();
      return;
    }
    vars.put(name, v);
  }

  Str field(int k) {
    if (k < 0) {
      throw new ArithmeticException("Access to negative field");
    }
    if (k == 0) {
      return new Str(record, true);
    }
    return new Str(k <= fields.size() ? fields.get(k - 1) : "", true);
  }

  void setField(int k, String v) {
    if (k == 0) {
      setRecord(v);
      return;
    }
    while (fields.size() < k) {
      fields.add("");
    }
    fields.set(k - 1, v);
    rebuild();
  }

  private void rebuild() {
    record = String.join(str(var("OFS")), fields);
  }

  void setRecord(String text) {
    record = text;
    fields = split(text, str(var("FS")));
  }

  List<String> split(String text, String fs) {
    List<String> out = new ArrayList<>();
    if (fs.equals(" ")) {
      String trimmed = text.strip();
      if (!trimmed.isEmpty()) {
        out.addAll(List.of(trimmed.split("[ \\t\\n]+")));
      }
      return out;
    }
    if (text.isEmpty()) {
      return out;
    }
    String re = fs.length() == 1 && fs.charAt(0) != '\\' ? Pattern.quote(fs)
        : fs.equals("\t") ? "\t" : Regex.toJava(fs, true);
    out.addAll(List.of(text.split(re, -1)));
    return out;
  }

  Pattern regex(String text) {
    return regexes.computeIfAbsent(text, t -> Pattern.compile(Regex.toJava(t, true)));
  }

  void tick() {
    if (++steps % 4096 == 0 && Thread.currentThread().isInterrupted()) {
      throw new Killed();
    }
  }

  String str(Object v) {
    if (v instanceof Str s) {
      return s.text();
    }
    if (v instanceof Pattern p) {
      return p.pattern();
    }
    double d = (Double) v;
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return Long.toString((long) d);
    }
    return cFormat(str(var("CONVFMT")), d);
  }

  double num(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    String s = v instanceof Str str ? str.text() : String.valueOf(v);
    java.util.regex.Matcher m = LEADING.matcher(s);
    return m.lookingAt() ? Double.parseDouble(m.group().strip()) : 0;
  }

  boolean truth(Object v) {
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof Str s && s.input() && NUMBER.matcher(s.text()).matches()) {
      return num(s) != 0;
    }
    return !str(v).isEmpty();
  }

  private boolean numeric(Object v) {
    return v instanceof Double || v instanceof Str s && s.input() && NUMBER.matcher(s.text()).matches();
  }

  boolean compare(Object a, Object b, String op) {
    int c = numeric(a) && numeric(b) ? Double.compare(num(a), num(b)) : str(a).compareTo(str(b));
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case ">=" -> c >= 0;
      default -> c > 0;
    };
  }

  void print(List<Expr> args, boolean formatted) {
    if (formatted) {
      out.append(sprintf(args));
      return;
    }
    if (args.isEmpty()) {
      out.append(record).append(str(var("ORS")));
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Expr e : args) {
      Object v = e.eval(this);
      parts.add(v instanceof Double d && d != Math.rint(d) ? cFormat(str(var("OFMT")), d) : str(v));
    }
    out.append(String.join(str(var("OFS")), parts)).append(str(var("ORS")));
  }

  String sprintf(List<Expr> args) {
    List<String> values = new ArrayList<>();
    for (int k = 1; k < args.size(); k++) {
      Object v = args.get(k).eval(this);
      values.add(v instanceof Double d && d != Math.rint(d) ? Double.toString(d) : str(v));
    }
    StringBuilder sb = new StringBuilder();
    StringBuilder errors = new StringBuilder();
    String format = str(args.get(0).eval(this));
    Printf.format(format.replace("\\", "\\\\"), values, sb, errors);
    return sb.toString();
  }

  /** C's {@code %.6g} (and friends) without Java's trailing zeros. */
  static String cFormat(String format, double d) {
    if (!format.matches("%\\.\\d+g")) {
      return String.format(format.replace("%.", "%."), d);
    }
    int precision = Math.max(1, Integer.parseInt(format.substring(2, format.length() - 1)));
    String s = new java.math.BigDecimal(d).round(new java.math.MathContext(precision)).stripTrailingZeros()
        .toPlainString();
    double exponent = d == 0 ? 0 : Math.floor(Math.log10(Math.abs(d)));
    if (exponent < -4 || exponent >= precision) {
      String e = String.format("%." + (precision - 1) + "e", d);
      String mantissa = e.substring(0, e.indexOf('e'));
      if (mantissa.contains(".")) {
        mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return mantissa + e.substring(e.indexOf('e'));
    }
    return s;
  }
}
