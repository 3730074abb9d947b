package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API 1.2 delete walk on a graph and tag store, without HTTP. */
class ImagePrunerTest {
  static final String R = "1".repeat(64);
  static final String A = "2".repeat(64);
  static final String B = "3".repeat(64);
  static final String C4 = "4".repeat(64);
  static final String C5 = "5".repeat(64);
  static final String G6 = "6".repeat(64);

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

  void add(String id, String parent) {
    try {
      graph.register(new Image(id, parent, "", OffsetDateTime.parse("2013-06-13T14:03:50Z"), "", null, "", "", null,
          "", 0), null, 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  List<Deletion> delete(String name) {
    return new ImagePruner(graph, tags).delete(name);
  }

  static Deletion untagged(String id) {
    return Deletion.untagged(id);
  }

  static Deletion deleted(String id) {
    return Deletion.deleted(id);
  }

  /** {@code R(tagged base) <- A <- B(tagged x)}. */
  void chain() {
    add(R, "");
    add(A, R);
    add(B, A);
    tags.set("base", "latest", R);
    tags.set("x", "latest", B);
  }

  @Test
  void the_typical_chain_untags_then_deletes_up_to_the_tagged_base() {
    chain();
    assertThat(delete("x")).containsExactly(untagged(B), deleted(B), deleted(A));
    assertThat(graph.exists(R)).isTrue();
    assertThat(Files.exists(graph.layerDir(A))).isFalse();
    assertThat(tags.snapshot()).containsOnlyKeys("base");
  }

  @Test
  void deletions_carry_short_ids() {
    chain();
    assertThat(delete("x").get(0)).isEqualTo(new Deletion(Deletion.Kind.UNTAGGED, "333333333333"));
  }

  @Test
  void an_image_with_another_tag_is_only_untagged() {
    chain();
    tags.set("y", "latest", B);
    assertThat(delete("x:latest")).containsExactly(untagged(B));
    assertThat(graph.exists(B)).isTrue();
  }

  @Test
  void a_repository_name_drops_all_its_tags_and_reports_one_untag() {
    chain();
    add(C4, R);
    tags.set("x", "v1", B);
    tags.set("x", "other", C4);
    assertThat(delete("x")).containsExactly(untagged(B), deleted(B), deleted(A));
    assertThat(graph.exists(C4)).isTrue();
    assertThat(tags.isReferenced(C4)).isFalse();
  }

  @Test
  void lookup_failures_are_no_such_image_and_a_missing_tag_is_no_such_tag() {
    chain();
    tags.set("y", "v1", B);
    assertThatThrownBy(() -> delete("y")).hasMessage("No such image: y");
    assertThatThrownBy(() -> delete("x:nosuchtag")).hasMessage("No such image: x:nosuchtag");
    assertThatThrownBy(() -> delete("x:3")).hasMessage("No such tag: x:3");
    assertThatThrownBy(() -> delete("nope")).hasMessage("No such image: nope");
  }

  @Test
  void nothing_deleted_is_a_conflict_naming_the_request() {
    chain();
    assertThatThrownBy(() -> delete("3333")).isInstanceOf(DockerException.class)
        .hasMessage("Conflict, 3333 wasn't deleted");
    assertThatThrownBy(() -> delete(A)).hasMessage("Conflict, " + A + " wasn't deleted");
  }

  @Test
  void an_untagged_id_takes_its_untagged_descendants_deepest_first() {
    add(R, "");
    add(A, R);
    add(B, A);
    add(C4, B);
    assertThat(delete("2")).containsExactly(deleted(C4), deleted(B), deleted(A), deleted(R));
    assertThat(graph.count()).isZero();
  }

  @Test
  void an_unreferenced_sibling_branch_is_pruned_before_its_parent() {
    chain();
    add(C4, A);
    add(G6, C4);
    assertThat(delete("x")).containsExactly(untagged(B), deleted(B), deleted(G6), deleted(C4), deleted(A));
  }

  @Test
  void a_tagged_sibling_ends_the_walk() {
    chain();
    add(C4, A);
    tags.set("y", "latest", C4);
    assertThat(delete("x")).containsExactly(untagged(B), deleted(B));
    assertThat(graph.exists(A)).isTrue();
  }

  @Test
  void a_tagged_descendant_below_an_untagged_one_ends_the_walk_too() {
    chain();
    add(C4, A);
    add(G6, C4);
    tags.set("y", "latest", G6);
    assertThat(delete("x")).containsExactly(untagged(B), deleted(B));
    assertThat(graph.exists(C4)).isTrue();
  }

  @Test
  void only_the_last_child_of_a_parent_is_visited() {
    chain();
    add(C4, A);
    add(C5, A);
    assertThat(delete("x")).containsExactly(untagged(B), deleted(B), deleted(C5));
    assertThat(graph.children(A)).containsExactly(C4);
  }

  @Test
  void a_kept_parent_is_revisited_from_its_own_untagged_parent() {
    add(R, "");
    add(A, R);
    add(B, A);
    add(C4, A);
    add(C5, A);
    tags.set("x", "latest", B);
    assertThat(delete("x"))
        .containsExactly(untagged(B), deleted(B), deleted(C5), deleted(C4), deleted(A), deleted(R));
  }

  @Test
  void a_missing_parent_fails_with_the_graph_error_after_the_image_was_deleted() {
    chain();
    graph.delete(A);
    assertThatThrownBy(() -> delete("x")).isInstanceOf(DockerException.class).hasMessage("No such id: " + A);
    assertThat(graph.exists(B)).isFalse();
    assertThat(tags.snapshot()).doesNotContainKey("x");
  }
}
