package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TagStore's LookupImage order and quirks, and its tag bookkeeping, without HTTP. */
class TagStoreTest {
  static final String C = "c".repeat(64);
  static final String D = "d".repeat(64);
  static final String AB1 = "ab1" + "0".repeat(61);
  static final String AB2 = "ab2" + "0".repeat(61);

  FileSystem fs;
  ImageGraph graph;
  TagStore tags;

  @BeforeEach
  void setUp() {
    fs = Jimfs.newFileSystem(Configuration.unix());
    graph = new ImageGraph(fs.getPath("/graph"));
    tags = new TagStore(graph);
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  Image add(String id) {
    try {
      return graph.register(new Image(id, "", "", OffsetDateTime.parse("2013-06-13T14:03:50Z"), "", null, "", "",
          null, "", 0), null, 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void an_id_prefix_of_any_length_resolves() {
    add(C);
    add(D);
    assertThat(tags.lookup("c").id()).isEqualTo(C);
    assertThat(tags.lookup(D).id()).isEqualTo(D);
    assertThat(tags.lookup("ddd").id()).isEqualTo(D);
  }

  @Test
  void an_id_prefix_wins_over_a_repository_of_the_same_name() {
    add(C);
    add(D);
    tags.set("cc", "latest", D);
    assertThat(tags.lookup("cc").id()).isEqualTo(C);
  }

  @Test
  void a_name_without_tag_means_latest() {
    add(C);
    add(D);
    tags.set("app", "latest", C);
    tags.set("app", "v1", D);
    assertThat(tags.lookup("app").id()).isEqualTo(C);
    assertThat(tags.lookup("app:v1").id()).isEqualTo(D);
  }

  @Test
  void a_tag_is_first_tried_as_an_id_prefix_within_the_repository() {
    add(C);
    add(D);
    tags.set("app", "latest", C);
    tags.set("app", "d", C); // a tag literally named "d" points at C...
    tags.set("app", "v1", D);
    // ...but "d" is first matched as a prefix of D, which the repository also holds
    assertThat(tags.lookup("app:d").id()).isEqualTo(D);
    assertThat(tags.lookup("app:cc").id()).isEqualTo(C);
    // only IDs in that repository count
    tags.set("other", "latest", C);
    assertThat(tags.lookupOrNull("other:d")).isNull();
  }

  @Test
  void an_empty_tag_matches_any_id_of_the_repository() {
    add(C);
    tags.set("app", "v1", C);
    assertThat(tags.lookup("app:").id()).isEqualTo(C);
  }

  @Test
  void an_ambiguous_prefix_is_not_found() {
    add(AB1);
    add(AB2);
    assertThat(tags.lookupOrNull("ab")).isNull();
    assertThatThrownBy(() -> tags.lookup("ab")).isInstanceOf(DockerException.class)
        .hasMessage("Image does not exist: ab");
    assertThat(tags.lookup("ab2").id()).isEqualTo(AB2);
  }

  @Test
  void an_empty_name_is_not_a_prefix_of_the_only_image() {
    // the daemon's TruncIndex searched " " + name in " id1 id2 … ": an empty name always matched every separator
    add(C);
    assertThat(tags.lookupOrNull("")).isNull();
    assertThatThrownBy(() -> tags.lookup("")).hasMessage("Image does not exist: ");
  }

  @Test
  void an_unknown_name_does_not_exist() {
    add(C);
    assertThat(tags.lookupOrNull("nope")).isNull();
    assertThatThrownBy(() -> tags.lookup("nope:v1")).isInstanceOf(DockerException.class)
        .hasMessage("Image does not exist: nope:v1");
  }

  @Test
  void a_dangling_tag_fails_with_the_graph_error() {
    add(C);
    add(D);
    tags.set("app", "latest", D);
    graph.delete(D);
    assertThatThrownBy(() -> tags.lookup("app")).isInstanceOf(DockerException.class)
        .hasMessage("No such id: " + D);
    assertThat(tags.lookupOrNull("app")).isNull();
    assertThat(tags.isReferenced(D)).isTrue();
  }

  @Test
  void set_defaults_to_latest_moves_existing_tags_and_validates_names() {
    add(C);
    add(D);
    tags.set("app", "", C);
    tags.set("app", "latest", D);
    assertThat(tags.repository("app")).isEqualTo(Map.of("latest", D));
    assertThatThrownBy(() -> tags.set("", "x", C)).hasMessage("Repository name can't be empty");
    assertThatThrownBy(() -> tags.set("a:b", "x", C)).hasMessage("Illegal repository name: a:b");
    assertThatThrownBy(() -> tags.set("a", "x/y", C)).hasMessage("Illegal tag name: x/y");
    assertThatThrownBy(() -> tags.set("a", "x:y", C)).hasMessage("Illegal tag name: x:y");
    assertThatThrownBy(() -> tags.set("a", "x", "nope")).hasMessage("Image does not exist: nope");
  }

  @Test
  void delete_removes_a_tag_a_whole_repository_or_reports_a_missing_tag() {
    add(C);
    tags.set("app", "latest", C);
    tags.set("app", "v1", C);
    assertThat(tags.delete("nope", "")).isFalse();
    assertThatThrownBy(() -> tags.delete("app", "v2")).isInstanceOf(DockerException.class)
        .hasMessage("No such tag: app:v2");
    assertThat(tags.delete("app", "v1")).isTrue();
    assertThat(tags.repository("app")).containsOnlyKeys("latest");
    assertThat(tags.delete("app", "")).isTrue();
    assertThat(tags.repository("app")).isNull();
    assertThat(tags.isReferenced(C)).isFalse();
  }

  @Test
  void the_last_tag_removed_removes_the_repository() {
    add(C);
    tags.set("app", "v1", C);
    tags.delete("app", "v1");
    assertThat(tags.snapshot()).isEmpty();
  }

  @Test
  void names_by_id_are_sorted_and_image_name_is_the_first_or_the_short_id() {
    add(C);
    add(D);
    tags.set("zeta", "latest", C);
    tags.set("alpha", "v2", C);
    tags.set("alpha", "v10", C);
    assertThat(tags.byId().get(C)).containsExactly("alpha:v10", "alpha:v2", "zeta:latest");
    assertThat(tags.imageName(C)).isEqualTo("alpha:v10");
    assertThat(tags.imageName(D)).isEqualTo("dddddddddddd");
  }

  @Test
  void split_repo_tag_cuts_at_the_first_colon_and_defaults_to_latest() {
    assertThat(List.of(TagStore.splitRepoTag("app"))).containsExactly("app", "latest");
    assertThat(List.of(TagStore.splitRepoTag("user/app:v1"))).containsExactly("user/app", "v1");
    assertThat(List.of(TagStore.splitRepoTag("a:b:c"))).containsExactly("a", "b:c");
  }
}
