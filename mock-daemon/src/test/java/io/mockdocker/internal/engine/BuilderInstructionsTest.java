package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.registry.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classic builder's word processing, .dockerignore matching, and the config changes of commit and import. */
class BuilderInstructionsTest {
  static final Map<String, String> ENV = Map.of("V", "2", "EMPTY", "", "PATH", "/usr/bin:/bin", "F", "a.tar.gz");

  @Test
  void the_lexer_substitutes_as_the_daemon_does() {
    assertThat(ShellLex.processWord("building-for-$V", ENV)).isEqualTo("building-for-2");
    assertThat(ShellLex.processWord("${V}x", ENV)).isEqualTo("2x");
    assertThat(ShellLex.processWord("${NOPE:-dflt} ${EMPTY:-e} ${EMPTY-e}", ENV)).isEqualTo("dflt e ");
    assertThat(ShellLex.processWord("${V:+set} ${NOPE:+set} ${EMPTY+set}", ENV)).isEqualTo("set  set");
    assertThat(ShellLex.processWord("'$V' \"$V\" \\$V", ENV)).isEqualTo("$V 2 $V");
    assertThat(ShellLex.processWord("${F%.*} ${F%%.*} ${F#*.} ${F##*.}", ENV)).isEqualTo("a.tar a tar.gz gz");
    assertThat(ShellLex.processWord("${PATH/bin/sbin} ${PATH//bin/sbin}", ENV))
        .isEqualTo("/usr/sbin:/bin /usr/sbin:/sbin");
    assertThat(ShellLex.processWord("$ and $1 and $", ENV)).isEqualTo("$ and  and $");
    assertThat(ShellLex.processWords("80 ${V}443/udp '1 2'", ENV)).containsExactly("80", "2443/udp", "1 2");
  }

  @Test
  void lexer_errors_read_as_the_daemons() {
    assertThatThrownBy(() -> ShellLex.processWord("${NOPE:?must be set}", ENV))
        .hasMessage("failed to process \"${NOPE:?must be set}\": NOPE: must be set");
    assertThatThrownBy(() -> ShellLex.processWord("${EMPTY:?}", ENV))
        .hasMessage("failed to process \"${EMPTY:?}\": EMPTY: is not allowed to be empty");
    assertThatThrownBy(() -> ShellLex.processWord("${", ENV))
        .hasMessage("failed to process \"${\": syntax error: missing '}'");
    assertThatThrownBy(() -> ShellLex.processWord("${V:-x", ENV))
        .hasMessage("failed to process \"${V:-x\": syntax error: missing '}'");
    assertThatThrownBy(() -> ShellLex.processWord("'open", ENV)).hasMessage(
        "failed to process \"'open\": unexpected end of statement while looking for matching single-quote");
    assertThatThrownBy(() -> ShellLex.processWord("${V:#x}", ENV))
        .hasMessage("failed to process \"${V:#x}\": unsupported modifier (:#) in substitution");
  }

  @Test
  void dockerignore_patterns_match_with_double_stars_exceptions_and_parents() {
    DockerIgnore ignore = DockerIgnore.parse("# comment\n*.log\n!keep.log\n**/*.tmp\n/build\nsecrets/\ndocs/**/*.md\n"
        + "!docs/README.md\n");
    assertThat(ignore.excludes("a.log")).isTrue();
    assertThat(ignore.excludes("keep.log")).isFalse();
    assertThat(ignore.excludes("sub/a.log")).isFalse(); // * stays within one path element
    assertThat(ignore.excludes("x.tmp")).isTrue();
    assertThat(ignore.excludes("deep/er/x.tmp")).isTrue();
    assertThat(ignore.excludes("build/out/app.jar")).isTrue(); // a parent directory matches
    assertThat(ignore.excludes("builder.txt")).isFalse();
    assertThat(ignore.excludes("secrets/key")).isTrue();
    assertThat(ignore.excludes("docs/a/b/c.md")).isTrue();
    assertThat(ignore.excludes("docs/c.md")).isTrue();
    assertThat(ignore.excludes("docs/README.md")).isFalse();
    assertThat(ignore.excludes("src/Main.java")).isFalse();
  }

  @Test
  void changes_run_through_the_dockerfile_instructions() {
    Config container = Config.builder().env(List.of("PATH=/bin", "A=old")).cmd("sleep", "1").build();
    Config changed = ConfigInstructions.applyChanges(container, List.of("ENV A=b C=$A-c", "ENV D=$A", "CMD [\"sh\"]",
        "EXPOSE 8080 53/udp", "LABEL team=\"a b\"", "WORKDIR /srv", "WORKDIR app", "USER nobody",
        "VOLUME /data", "ONBUILD RUN echo child"));
    // one ENV substitutes with the values from before it, the next one sees them
    assertThat(changed.env()).containsExactly("PATH=/bin", "A=b", "C=old-c", "D=b");
    assertThat(changed.cmd()).containsExactly("sh");
    assertThat(changed.portSpecs()).containsExactly("53/udp", "8080/tcp");
    assertThat(changed.labels()).containsEntry("team", "a b");
    assertThat(changed.workingDir()).isEqualTo("/srv/app");
    assertThat(changed.user()).isEqualTo("nobody");
    assertThat(changed.volumes()).containsExactly("/data");
    assertThat(changed.onBuild()).containsExactly("RUN echo child");
  }

  @Test
  void a_shell_form_change_uses_the_shell_and_entrypoint_drops_an_inherited_cmd() {
    Config base = Config.builder().cmd("sleep", "1").shell(List.of("/bin/bash", "-c")).build();
    Config changed = ConfigInstructions.applyChanges(base, List.of("ENTRYPOINT run.sh --fast"));
    assertThat(changed.entrypoint()).containsExactly("/bin/bash", "-c", "run.sh --fast");
    assertThat(changed.cmd()).isNull();
    Config both = ConfigInstructions.applyChanges(base, List.of("CMD [\"x\"]", "ENTRYPOINT [\"e\"]"));
    assertThat(both.cmd()).containsExactly("x");
  }

  @Test
  void changes_that_are_not_config_instructions_are_refused_with_the_daemons_text() {
    assertThatThrownBy(() -> ConfigInstructions.applyChanges(Config.empty(), List.of("RUN echo hi")))
        .isInstanceOf(InvalidInstruction.class).hasMessage("RUN is not a valid change command");
    assertThatThrownBy(() -> ConfigInstructions.applyChanges(Config.empty(), List.of("ENV A=b", "from busybox")))
        .hasMessage("from is not a valid change command");
    assertThatThrownBy(() -> ConfigInstructions.applyChanges(Config.empty(), List.of("ONBUILD ONBUILD RUN x")))
        .hasMessage("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    assertThatThrownBy(() -> ConfigInstructions.applyChanges(Config.empty(), List.of("ENV novalue")))
        .hasMessage("ENV must have two arguments");
    assertThatThrownBy(() -> ConfigInstructions.applyChanges(Config.empty(), List.of("ENV A=${B:?}")))
        .isInstanceOf(InvalidInstruction.class)
        .hasMessage("failed to process \"${B:?}\": B: is not allowed to be unset");
  }

  @Test
  void build_args_follow_the_scope_rules() {
    java.util.HashMap<String, String> options = new java.util.HashMap<>();
    options.put("VERSION", "2");
    options.put("UNSET", null);
    options.put("HTTP_PROXY", "http://proxy");
    options.put("EXTRA", "x");
    BuildArgs base = new BuildArgs(options);
    base.add("BASE", "busybox");
    base.addMeta("BASE", "busybox");
    BuildArgs stage = base.forStage();
    assertThat(stage.meta()).containsEntry("BASE", "busybox");
    assertThat(stage.allowed()).doesNotContainKey("BASE").containsEntry("HTTP_PROXY", "http://proxy");
    stage.add("BASE", null); // redeclared without a value: the meta value
    stage.add("VERSION", "1");
    stage.add("UNSET", "dflt");
    assertThat(stage.allowed()).containsEntry("BASE", "busybox").containsEntry("VERSION", "2")
        .containsEntry("UNSET", "dflt");
    assertThat(stage.filterAllowed(List.of("VERSION=9"))).doesNotContain("VERSION=2").contains("BASE=busybox");
    assertThat(stage.shownInHistory("HTTP_PROXY")).isFalse();
    base.mergeReferenced(stage);
    assertThat(base.unusedWarning()).isEqualTo("[Warning] One or more build-args [EXTRA] were not consumed\n");
  }
}
