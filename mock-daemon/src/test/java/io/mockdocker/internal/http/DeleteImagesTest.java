package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DELETE /images/(name): one layer and a 204 up to API 1.1; untag and prune with a JSON list in 1.2.
 * The graph is built by pulling registry images by ID (which tags nothing) and tagging locally.
 */
class DeleteImagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BASE = Fixed.id('1');
  static final String A = Fixed.id('2');
  static final String B = Fixed.id('3');
  static final String C4 = Fixed.id('4');
  static final String C5 = Fixed.id('5');
  static final String D6 = Fixed.id('6');

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  /** Makes {@code id} (child of {@code parent}, "" for a base) local without tagging it. */
  void local(String id, String parent) {
    docker.registry().image(RemoteImage.builder(id).parent(parent).file("/layer/" + id.charAt(0), id).build());
    Engines.of(docker).pull(id, "", Registry.DEFAULT_ENDPOINT, ProgressSink.NONE);
  }

  void tag(String id, String repo, String tag) {
    Engines.of(docker).tag(id, repo, tag);
  }

  /** The chain {@code base(tagged) <- A <- B(tagged x)}. */
  void chain() {
    local(BASE, "");
    local(A, BASE);
    local(B, A);
    tag(BASE, "base", "latest");
    tag(B, "x", "latest");
  }

  static String s(String id) {
    return id.substring(0, 12);
  }

  static String untagged(String id) {
    return "{\"Untagged\":\"" + s(id) + "\"}";
  }

  static String deleted(String id) {
    return "{\"Deleted\":\"" + s(id) + "\"}";
  }

  static String list(String... entries) {
    return "[" + String.join(",", entries) + "]";
  }

  boolean exists(String id) {
    return Engines.of(docker).allImages().stream().anyMatch(i -> i.id().equals(id));
  }

  List<String> listed() throws Exception {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : JSON.readTree(http.get("/v1.2/images/json?all=1").body())) {
      rows.add((row.has("Repository") ? row.get("Repository").asText() + ":" + row.get("Tag").asText() + "=" : "")
          + s(row.get("Id").asText()));
    }
    return rows;
  }

  // ------------------------------------------------------------------ API 1.0 / 1.1

  @Test
  void v1_1_deletes_only_that_layer_with_an_empty_204() throws Exception {
    chain();
    Response r = http.delete("/v1.1/images/x");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8"); // sniffed by go1.1, 204 included
    assertThat(exists(B)).isFalse();
    assertThat(Files.exists(Engines.of(docker).layer(B))).isFalse();
    assertThat(exists(A)).isTrue();
    assertThat(exists(BASE)).isTrue();
    assertThat(Files.exists(Engines.of(docker).layer(A))).isTrue();
  }

  @Test
  void v1_0_leaves_the_tag_dangling_and_the_list_skips_it() throws Exception {
    chain();
    assertThat(http.delete("/v1.0/images/x").status()).isEqualTo(204);
    assertThat(Engines.of(docker).repositories()).containsKey("x");
    assertThat(listed()).containsExactlyInAnyOrder("base:latest=" + s(BASE), s(A));
    Response list = http.get("/v1.0/images/json");
    assertThat(JSON.readTree(list.body())).hasSize(2); // base:latest and A, now an untagged head
  }

  @Test
  void a_dangling_tag_is_no_such_image_for_inspect_and_delete() throws Exception {
    chain();
    http.delete("/v1.1/images/x");
    Response inspect = http.get("/v1.1/images/x/json");
    assertThat(inspect.status()).isEqualTo(404);
    assertThat(inspect.text()).isEqualTo("No such image: x\n");
    Response again = http.delete("/v1.1/images/x");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.text()).isEqualTo("No such image: x\n");
  }

  @Test
  void a_dangling_tag_makes_history_fail_with_the_graph_lookup_error() throws Exception {
    // LookupImage returns graph.Get's error for the tagged ID, and history passes it through: 404 by its prefix.
    chain();
    http.delete("/v1.1/images/x");
    Response r = http.get("/v1.1/images/x/history");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("No such id: " + B + "\n");
  }

  @Test
  void v1_1_deleting_a_parent_leaves_its_children_orphaned() throws Exception {
    chain();
    assertThat(http.delete("/v1.1/images/" + s(A)).status()).isEqualTo(204);
    assertThat(exists(A)).isFalse();
    assertThat(exists(B)).isTrue();
    assertThat(Engines.of(docker).inspectImage("x").parent()).isEqualTo(A);
    Response history = http.get("/v1.1/images/x/history");
    assertThat(JSON.readTree(history.body())).hasSize(1);
  }

  @Test
  void an_empty_name_is_no_such_image_even_with_a_single_image() throws Exception {
    local(BASE, "");
    for (String version : new String[] {"/v1.1", "/v1.2"}) {
      Response r = http.delete(version + "/images/");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text()).isEqualTo("No such image: \n");
    }
    assertThat(exists(BASE)).isTrue();
  }

  @Test
  void v1_1_unknown_image_is_a_404_no_such_image() throws Exception {
    Response r = http.delete("/v1.1/images/nope");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("No such image: nope\n");
  }

  // ------------------------------------------------------------------ API 1.2

  @Test
  void v1_2_untags_then_deletes_the_image_and_its_untagged_parents_in_order() throws Exception {
    chain();
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B), deleted(A)));
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
    assertThat(listed()).containsExactly("base:latest=" + s(BASE));
    assertThat(Engines.of(docker).repositories()).doesNotContainKey("x");
  }

  @Test
  void unprefixed_delete_is_v1_2() throws Exception {
    chain();
    assertThat(http.delete("/images/x:latest").text()).isEqualTo(list(untagged(B), deleted(B), deleted(A)));
  }

  @Test
  void deleting_one_of_two_tags_only_untags() throws Exception {
    chain();
    tag(B, "x", "v1");
    Response r = http.delete("/v1.2/images/x:v1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(list(untagged(B)));
    assertThat(exists(B)).isTrue();
    assertThat(listed()).containsExactlyInAnyOrder("base:latest=" + s(BASE), "x:latest=" + s(B), s(A));
  }

  @Test
  void a_name_without_tag_removes_the_whole_repository_but_reports_one_untag() throws Exception {
    chain();
    local(C4, BASE);
    tag(B, "x", "v1");
    tag(C4, "x", "other");
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B), deleted(A)));
    assertThat(Engines.of(docker).repositories()).doesNotContainKey("x");
    // C4 lost its tag too, but it was not examined: it stays, now untagged
    assertThat(exists(C4)).isTrue();
    assertThat(listed()).containsExactlyInAnyOrder("base:latest=" + s(BASE), s(C4));
  }

  @Test
  void a_repository_without_latest_is_no_such_image() throws Exception {
    chain();
    tag(B, "y", "v1");
    Response r = http.delete("/v1.2/images/y");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("No such image: y\n");
    assertThat(Engines.of(docker).repositories()).containsKey("y");
  }

  @Test
  void an_unknown_tag_is_no_such_image() throws Exception {
    chain();
    Response r = http.delete("/v1.2/images/x:nosuchtag");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("No such image: x:nosuchtag\n");
  }

  @Test
  void a_tag_resolved_as_an_id_prefix_but_not_present_is_no_such_tag() throws Exception {
    chain();
    Response r = http.delete("/v1.2/images/x:333");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("No such tag: x:333\n");
    assertThat(exists(B)).isTrue();
    assertThat(Engines.of(docker).repositories().get("x")).containsEntry("latest", B);
  }

  @Test
  void deleting_by_id_an_image_that_still_has_tags_is_a_409_conflict() throws Exception {
    chain();
    Response r = http.delete("/v1.2/images/" + s(B));
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 409 Conflict");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("Conflict, " + s(B) + " wasn't deleted\n");
    assertThat(exists(B)).isTrue();
  }

  @Test
  void deleting_by_id_an_untagged_image_with_a_tagged_child_is_a_409() throws Exception {
    chain();
    Response r = http.delete("/v1.2/images/" + A);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.text()).isEqualTo("Conflict, " + A + " wasn't deleted\n");
  }

  @Test
  void deleting_by_id_an_untagged_head_deletes_it_and_its_untagged_parents() throws Exception {
    chain();
    local(C4, A);
    Response r = http.delete("/v1.2/images/" + s(C4));
    assertThat(r.text()).isEqualTo(list(deleted(C4)));
    // A still has B: it is kept, the walk goes on to base, which is tagged
    assertThat(exists(A)).isTrue();
  }

  @Test
  void deleting_by_id_an_untagged_image_deletes_its_untagged_descendants_deepest_first() throws Exception {
    local(BASE, "");
    local(A, BASE);
    local(B, A);
    Response r = http.delete("/v1.2/images/" + s(A));
    assertThat(r.text()).isEqualTo(list(deleted(B), deleted(A), deleted(BASE)));
    assertThat(Engines.of(docker).allImages()).isEmpty();
  }

  @Test
  void an_unreferenced_sibling_branch_is_pruned_before_the_parent() throws Exception {
    chain();
    local(C4, A);
    local(D6, C4);
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B), deleted(D6), deleted(C4), deleted(A)));
    assertThat(listed()).containsExactly("base:latest=" + s(BASE));
  }

  @Test
  void a_tagged_sibling_ends_the_walk() throws Exception {
    chain();
    local(C4, A);
    tag(C4, "y", "latest");
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B)));
    assertThat(exists(A)).isTrue();
    assertThat(listed()).containsExactlyInAnyOrder("base:latest=" + s(BASE), "y:latest=" + s(C4), s(A));
  }

  @Test
  void only_the_lexicographically_last_child_is_visited() throws Exception {
    // Graph.ByParent keeps one child per parent: of A's untagged children 4… and 5…, only 5… is pruned, and A,
    // which still has 4…, is kept.
    chain();
    local(C4, A);
    local(C5, A);
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B), deleted(C5)));
    assertThat(exists(C4)).isTrue();
    assertThat(exists(A)).isTrue();
  }

  @Test
  void a_tagged_child_that_is_not_the_last_one_does_not_stop_the_walk() throws Exception {
    chain();
    local(C4, A);
    local(C5, A);
    tag(C4, "y", "latest");
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B), deleted(C5)));
    assertThat(exists(C4)).isTrue();
  }

  @Test
  void a_tagged_last_child_stops_the_walk_even_with_an_untagged_sibling() throws Exception {
    chain();
    local(C4, A);
    local(C5, A);
    tag(C5, "y", "latest");
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(list(untagged(B), deleted(B)));
    assertThat(exists(C4)).isTrue();
  }

  @Test
  void a_kept_parent_is_visited_again_from_its_own_parent() throws Exception {
    // R(untagged) <- A <- {B(x), 4…, 5…}: A keeps 4… on the first visit; the walk goes on to R, which descends
    // into A again, pruning 4…, A and R.
    local(BASE, "");
    local(A, BASE);
    local(B, A);
    local(C4, A);
    local(C5, A);
    tag(B, "x", "latest");
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.text()).isEqualTo(
        list(untagged(B), deleted(B), deleted(C5), deleted(C4), deleted(A), deleted(BASE)));
    assertThat(Engines.of(docker).allImages()).isEmpty();
  }

  @Test
  void a_missing_parent_fails_the_walk_with_the_graph_error_after_deleting() throws Exception {
    // v1.1 removed A alone; the 1.2 walk from B then fails at graph.Get(A): 404 by the "No such" prefix.
    chain();
    http.delete("/v1.1/images/" + A);
    Response r = http.delete("/v1.2/images/x");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("No such id: " + A + "\n");
    assertThat(exists(B)).isFalse();
    assertThat(Engines.of(docker).repositories()).doesNotContainKey("x");
  }

  @Test
  void v1_2_unknown_image_is_a_404() throws Exception {
    Response r = http.delete("/v1.2/images/nope:latest");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("No such image: nope:latest\n");
  }

  @Test
  void names_with_slashes_are_deleted() throws Exception {
    chain();
    tag(B, "user/app", "latest");
    Response r = http.delete("/v1.2/images/user/app");
    assertThat(r.text()).isEqualTo(list(untagged(B)));
    Response encoded = http.delete("/v1.2/images/x%3Alatest");
    assertThat(encoded.text()).isEqualTo(list(untagged(B), deleted(B), deleted(A)));
  }
}
