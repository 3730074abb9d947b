package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** head, tail, wc, grep, printf, sed and awk as busybox 1.36 prints them. */
class TextToolsTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  private void numbers(String path, int count) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int k = 1; k <= count; k++) {
      text.append(k).append('\n');
    }
    f.write(path, text.toString());
  }

  @Test
  void head_prints_the_first_ten_lines_or_n_and_headers_for_several_files() throws Exception {
    numbers("/tmp/n", 12);
    f.write("/tmp/ab", "a\nb\n");
    assertThat(f.run("head", "/tmp/n")).isEqualTo(ok("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"));
    assertThat(f.run("head", "-n", "2", "/tmp/n")).isEqualTo(ok("1\n2\n"));
    assertThat(f.run("head", "-3", "/tmp/n")).isEqualTo(ok("1\n2\n3\n"));
    assertThat(f.run("head", "-c", "3", "/tmp/n")).isEqualTo(ok("1\n2"));
    assertThat(f.run("head", "-n1", "/tmp/n", "/tmp/ab")).isEqualTo(ok("==> /tmp/n <==\n1\n\n==> /tmp/ab <==\na\n"));
    assertThat(f.sh("printf 'x\\ny\\nz\\n' | head -n 2")).isEqualTo(ok("x\ny\n"));
  }

  @Test
  void head_reads_an_endless_source_no_further_than_it_prints() throws Exception {
    assertThat(f.sh("head -c 5 /dev/zero | wc -c")).isEqualTo(ok("5\n"));
    assertThat(f.sh("head -c 3000 /dev/zero > /tmp/z; wc -c < /tmp/z")).isEqualTo(ok("3000\n"));
    assertThat(f.sh("head -c 20000 < /dev/zero | wc -c")).isEqualTo(ok("20000\n"));
  }

  @Test
  void head_reports_a_missing_file_and_an_unknown_option_as_busybox_does() throws Exception {
    assertThat(f.run("head", "/nope")).isEqualTo(new Result(1, "",
        "head: can't open '/nope': No such file or directory\n"));
    Result bad = f.run("head", "-Q");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("head: invalid option -- 'Q'\nBusyBox v1.36.1 (")
        .endsWith(" multi-call binary.\n\nUsage: head [OPTIONS] [FILE]...\n");
  }

  @Test
  void tail_prints_the_last_lines_or_from_line_n() throws Exception {
    numbers("/tmp/n", 12);
    assertThat(f.run("tail", "/tmp/n")).isEqualTo(ok("3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"));
    assertThat(f.run("tail", "-n", "2", "/tmp/n")).isEqualTo(ok("11\n12\n"));
    assertThat(f.run("tail", "-n", "+11", "/tmp/n")).isEqualTo(ok("11\n12\n"));
    assertThat(f.run("tail", "-c", "3", "/tmp/n")).isEqualTo(ok("12\n"));
    assertThat(f.sh("echo one; echo two | tail -1")).isEqualTo(ok("one\ntwo\n"));
  }

  @Test
  void tail_dash_f_prints_what_is_appended_each_second_of_the_clock_until_killed() throws Exception {
    f.write("/tmp/log", "a\n");
    Semaphore ticks = new Semaphore(0);
    ShellClock clock = new ShellClock() {
      @Override
      public Instant now() {
        return ShellFixture.T0;
      }

      @Override
      public ZoneId zone() {
        return ZoneId.of("UTC");
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        ticks.acquire();
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread shell = new Thread(() -> {
      try {
        outcome.set(new MiniShell().run(List.of("tail", "-f", "/tmp/log"),
            f.context(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(), clock)));
      } catch (InterruptedException e) {
        outcome.set(e);
      }
    });
    shell.start();
    await().until(() -> out.toString(StandardCharsets.UTF_8).equals("a\n"));
    Files.writeString(f.file("/tmp/log"), "b\n", StandardOpenOption.APPEND);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\n");
    ticks.release();
    await().until(() -> out.toString(StandardCharsets.UTF_8).equals("a\nb\n"));
    shell.interrupt();
    shell.join(10_000);
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a_kill_ends_an_endless_awk_loop() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread shell = new Thread(() -> {
      try {
        outcome.set(new MiniShell().run(List.of("sh", "-c", "echo go; awk 'BEGIN { while (1) n++ }'"),
            f.context(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(), f.clock)));
      } catch (InterruptedException e) {
        outcome.set(e);
      }
    });
    shell.start();
    await().until(() -> out.toString(StandardCharsets.UTF_8).equals("go\n"));
    shell.interrupt();
    shell.join(10_000);
    assertThat(shell.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void wc_counts_lines_words_and_bytes_padded_unless_one_count_is_asked() throws Exception {
    f.write("/tmp/t", "hello world\nbye\n");
    f.write("/tmp/u", "x\n");
    assertThat(f.run("wc", "/tmp/t")).isEqualTo(ok("        2         3        16 /tmp/t\n"));
    assertThat(f.run("wc", "-l", "/tmp/t")).isEqualTo(ok("2 /tmp/t\n"));
    assertThat(f.runWithStdin("a b c\n", "wc", "-w")).isEqualTo(ok("3\n"));
    assertThat(f.run("wc", "-l", "/tmp/t", "/tmp/u")).isEqualTo(ok("2 /tmp/t\n1 /tmp/u\n3 total\n"));
    assertThat(f.sh("wc -c < /tmp/u")).isEqualTo(ok("2\n"));
  }

  @Test
  void grep_matches_basic_and_extended_expressions_with_busybox_statuses() throws Exception {
    f.write("/etc/conf", "port=80\n# comment\nhost=db\nPORT=81\n");
    assertThat(f.run("grep", "port", "/etc/conf")).isEqualTo(ok("port=80\n"));
    assertThat(f.run("grep", "-i", "port", "/etc/conf")).isEqualTo(ok("port=80\nPORT=81\n"));
    assertThat(f.run("grep", "-v", "^#", "/etc/conf")).isEqualTo(ok("port=80\nhost=db\nPORT=81\n"));
    assertThat(f.run("grep", "-n", "-E", "[0-9]+$", "/etc/conf")).isEqualTo(ok("1:port=80\n4:PORT=81\n"));
    assertThat(f.run("grep", "-c", "=", "/etc/conf")).isEqualTo(ok("3\n"));
    assertThat(f.run("grep", "-o", "[[:digit:]]\\{2\\}", "/etc/conf")).isEqualTo(ok("80\n81\n"));
    assertThat(f.run("grep", "-q", "host", "/etc/conf")).isEqualTo(ok(""));
    assertThat(f.run("grep", "nothing", "/etc/conf")).isEqualTo(new Result(1, "", ""));
    assertThat(f.run("grep", "x", "/nope")).isEqualTo(new Result(2, "", "grep: /nope: No such file or directory\n"));
    assertThat(f.runWithStdin("a.b\naxb\n", "grep", "-F", "a.b")).isEqualTo(ok("a.b\n"));
    assertThat(f.runWithStdin("a\na\na\n", "grep", "-m", "2", "a")).isEqualTo(ok("a\na\n"));
    assertThat(f.run("grep", "-m", "x", "a")).isEqualTo(new Result(2, "", "grep: invalid number 'x'\n"));
    f.write("/srv/a.txt", "needle\n");
    f.write("/srv/sub/b.txt", "hay\nneedle too\n");
    assertThat(f.run("grep", "-r", "needle", "/srv")).isEqualTo(ok("/srv/a.txt:needle\n/srv/sub/b.txt:needle too\n"));
    assertThat(f.run("grep", "-l", "needle", "/srv/a.txt", "/srv/sub/b.txt", "/etc/conf"))
        .isEqualTo(ok("/srv/a.txt\n/srv/sub/b.txt\n"));
  }

  @Test
  void printf_formats_its_arguments_reusing_the_format() throws Exception {
    assertThat(f.run("printf", "%s=%d\\n", "a", "1", "b", "2")).isEqualTo(ok("a=1\nb=2\n"));
    assertThat(f.run("printf", "[%5s|%-5s|%05d|%x|%o|%c]\\n", "ab", "cd", "42", "255", "8", "xyz"))
        .isEqualTo(ok("[   ab|cd   |00042|ff|10|x]\n"));
    assertThat(f.run("printf", "%.2f %s\\n", "3.14159")).isEqualTo(ok("3.14 \n"));
    assertThat(f.run("printf", "%b", "tab\\there\\n")).isEqualTo(ok("tab\there\n"));
    assertThat(f.run("printf", "100%%\\n")).isEqualTo(ok("100%\n"));
    assertThat(f.run("printf", "%d\\n", "abc")).isEqualTo(new Result(1, "0\n", "printf: invalid number 'abc'\n"));
    assertThat(f.run("printf").code()).isEqualTo(1);
  }

  @Test
  void sed_substitutes_prints_and_deletes_by_line_number_and_regex() throws Exception {
    f.write("/tmp/t", "one two one\nthree\nfour one\n");
    assertThat(f.run("sed", "s/one/1/", "/tmp/t")).isEqualTo(ok("1 two one\nthree\nfour 1\n"));
    assertThat(f.run("sed", "s/one/1/g", "/tmp/t")).isEqualTo(ok("1 two 1\nthree\nfour 1\n"));
    assertThat(f.run("sed", "-n", "2p", "/tmp/t")).isEqualTo(ok("three\n"));
    assertThat(f.run("sed", "-n", "/four/p", "/tmp/t")).isEqualTo(ok("four one\n"));
    assertThat(f.run("sed", "2d", "/tmp/t")).isEqualTo(ok("one two one\nfour one\n"));
    assertThat(f.run("sed", "-e", "1,2d", "-e", "s/four/4/", "/tmp/t")).isEqualTo(ok("4 one\n"));
    assertThat(f.run("sed", "-n", "$p", "/tmp/t")).isEqualTo(ok("four one\n"));
    assertThat(f.run("sed", "2!d", "/tmp/t")).isEqualTo(ok("three\n"));
    assertThat(f.run("sed", "-n", "s/\\(t[a-z]*\\)/<\\1>/p", "/tmp/t")).isEqualTo(ok("one <two> one\n<three>\n"));
    assertThat(f.run("sed", "-E", "s/(o+)ne/[&]/2", "/tmp/t")).isEqualTo(ok("one two [one]\nthree\nfour one\n"));
    assertThat(f.runWithStdin("a/b\n", "sed", "s|/|::|")).isEqualTo(ok("a::b\n"));
    assertThat(f.runWithStdin("baaac\n", "sed", "s/a*/x/g")).isEqualTo(ok("xbxcx\n"));
    assertThat(f.run("sed", "2q", "/tmp/t")).isEqualTo(ok("one two one\nthree\n"));
  }

  @Test
  void sed_dash_i_edits_in_place_and_bad_scripts_are_refused() throws Exception {
    f.write("/tmp/conf", "port=80\n");
    assertThat(f.run("sed", "-i", "s/80/8080/", "/tmp/conf")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/conf")).isEqualTo("port=8080\n");
    assertThat(f.run("sed", "-i.bak", "s/port/PORT/", "/tmp/conf")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/conf")).isEqualTo("PORT=8080\n");
    assertThat(f.read("/tmp/conf.bak")).isEqualTo("port=8080\n");
    assertThat(f.run("sed", "s/a/b", "/tmp/conf"))
        .isEqualTo(new Result(1, "", "sed: bad format in substitution expression\n"));
    assertThat(f.run("sed", "y/a/b/", "/tmp/conf")).isEqualTo(new Result(1, "", "sed: unsupported command y\n"));
  }

  @Test
  void awk_prints_fields_with_separators_records_and_patterns() throws Exception {
    f.write("/tmp/p", "root:x:0:0\nbin:x:1:1\nnobody:x:65534:65534\n");
    assertThat(f.run("awk", "-F:", "{print $1}", "/tmp/p")).isEqualTo(ok("root\nbin\nnobody\n"));
    assertThat(f.run("awk", "-F", ":", "$3 > 0 {print NR, $1, $NF}", "/tmp/p"))
        .isEqualTo(ok("2 bin 1\n3 nobody 65534\n"));
    assertThat(f.runWithStdin("a b c\nd e\n", "awk", "{print $0 \"|\" NF}")).isEqualTo(ok("a b c|3\nd e|2\n"));
    assertThat(f.runWithStdin("3\n4\n", "awk", "{s += $1} END {print \"sum\", s, s / 2}"))
        .isEqualTo(ok("sum 7 3.5\n"));
    assertThat(f.runWithStdin("x\ny\n", "awk", "/y/")).isEqualTo(ok("y\n"));
    assertThat(f.runWithStdin("a b\n", "awk", "-v", "sep=-", "{$1 = $1 sep; print; printf \"%s:%d\\n\", $2, 7}"))
        .isEqualTo(ok("a- b\nb:7\n"));
    assertThat(f.run("awk", "BEGIN {for (i = 1; i <= 3; i++) print i * i; exit 3}")).isEqualTo(new Result(3,
        "1\n4\n9\n", ""));
    assertThat(f.sh("echo 'GET /x 200' | awk '{ if ($3 == 200) print \"ok\"; else print \"bad\" }'"))
        .isEqualTo(ok("ok\n"));
    assertThat(f.run("awk", "{n[$1]++}")).isEqualTo(new Result(1, "", "awk: cmd. line:1: Arrays are not simulated\n"));
  }
}
