package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.internal.http.era.EraApi;
import io.mockdocker.internal.http.modern.ModernApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The handler chain's shortcuts answer exactly what the plain forms they stand for answer: the route table's exact
 * and literal-prefix lookups against trying every route in order, the hand-written {@code /vX.Y} parse against its
 * regular expression, and the path-cleaning check against cleaning.
 */
class ChainShortcutsTest {
  private static final Pattern PREFIX = Pattern.compile("^/v([0-9.]+)(?=/)");
  private static final List<String> METHODS = List.of("GET", "POST", "DELETE", "PUT", "HEAD", "OPTIONS", "PATCH");

  @Test
  void theRouteTablesFindWhatTryingEveryRouteInOrderFinds() {
    ExecutorService sessions = Executors.newCachedThreadPool();
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.all()).start()) {
      var engine = Engines.of(docker);
      checkTable(EraApi.routes(engine, sessions, EraFeatures.DEFAULT));
      checkTable(ModernApi.routes(engine, sessions, ApiProfile.MODERN_MAX));
    } finally {
      sessions.shutdownNow();
    }
  }

  private static <V> void checkTable(List<Route<V>> routes) {
    RouteTable<V> table = new RouteTable<>(routes, null, ex -> { });
    int found = 0;
    for (String path : samplePaths(routes)) {
      for (String method : METHODS) {
        Route.Found<V> expected = tryEveryPattern(routes, method, path);
        Route.Found<V> actual = table.find(method, path);
        if (expected == null) {
          assertThat(actual).as(method + " " + path).isNull();
        } else {
          found++;
          assertThat(actual).as(method + " " + path).isNotNull();
          assertThat(actual.route()).as(method + " " + path).isSameAs(expected.route());
          assertThat(actual.vars()).as(method + " " + path).containsExactlyEntriesOf(expected.vars());
        }
      }
    }
    assertThat(found).as("routed samples").isGreaterThan(routes.size());
  }

  /** The first route whose method and whole pattern match, as mux tried them: no prefix or suffix shortcut. */
  private static <V> Route.Found<V> tryEveryPattern(List<Route<V>> routes, String method, String path) {
    for (Route<V> route : routes) {
      Matcher m = route.shape().pattern().matcher(path);
      if (route.method().equals(method) && m.matches()) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> names = route.shape().variables();
        for (int i = 0; i < names.size(); i++) {
          vars.put(names.get(i), m.group(i + 1));
        }
        return new Route.Found<>(route, vars);
      }
    }
    return null;
  }

  /** Each template as written, with its variables filled in several ways, and near misses of both. */
  private static <V> Set<String> samplePaths(List<Route<V>> routes) {
    Set<String> paths = new LinkedHashSet<>(List.of("/", "", "/unknown", "/containers", "/containers/", "//info"));
    for (Route<V> route : routes) {
      String template = route.template();
      List<String> filled = new ArrayList<>(List.of(template));
      for (String value : List.of("x", "json", "a/b", "create", "abc123")) {
        filled.add(template.replaceAll("\\{[^}]*}", Matcher.quoteReplacement(value)));
      }
      for (String path : filled) {
        paths.add(path);
        paths.add(path + "/");
        paths.add(path + "\n");
        paths.add(path + "x");
        paths.add(path.toUpperCase());
      }
    }
    return paths;
  }

  @Test
  void theVersionPrefixIsReadAsItsRegularExpressionReadsIt() {
    List<String> paths = List.of("/v1.2/info", "/v1.50/containers/json", "/v1/x", "/v./x", "/v../", "/v1.2", "/v1.2x/y",
        "/v/info", "/vx/info", "v1.2/info", "//v1.2/info", "/V1.2/info", "/v1.2//", "/v12345678901234567890/a", "/v1",
        "", "/", "/v", "/v1/", "/v1.2.3.4/x/y", "/v1-2/x", "/v1.2?/x", "/info");
    for (String path : paths) {
      Matcher m = PREFIX.matcher(path);
      assertThat(RequestVersion.prefixOf(path)).as(path).isEqualTo(m.find() ? m.group(1) : "");
    }
  }

  @Test
  void aPathIsTakenAsCleanExactlyWhenCleaningLeavesIt() {
    List<String> paths = List.of("/", "", "a", "/a", "/a/", "/a//", "//", "/./", "/.", "/..", "/a/..", "/a/../b",
        "/a/./b", "/.a/b.", "/a..b/", "/...", "/a/b/c", "/a/b/c/", "///a", "/v1.2/containers/json",
        "/v1.2/containers//json", "/v1.2/containers/./json", "/images/ubuntu:latest/json");
    for (String path : paths) {
      assertThat(GoPaths.isClean(path)).as(path).isEqualTo(GoPaths.clean(path).equals(path));
    }
  }
}
