package io.mockdocker.internal.engine;

import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.StatsScript;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registered process scripts (the most recently registered match wins over older ones and over the shell) and
 * stats scripts (the newest match wins over older ones and over {@link StatsScript#defaults()}).
 */
final class ProcessScripts {
  private record StatsRule(ProcessMatch match, StatsScript script) {}

  private final CopyOnWriteArrayList<ScriptHandle> handles = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<StatsRule> stats = new CopyOnWriteArrayList<>();
  private final StateLock lock;
  private final TagStore tags;

  ProcessScripts(StateLock lock, TagStore tags) {
    this.lock = lock;
    this.tags = tags;
  }

  ScriptHandle add(ProcessMatch match, ProcessScript script) {
    ScriptHandle handle = ScriptAccess.handle(match, script);
    handles.add(handle);
    return handle;
  }

  boolean remove(ScriptHandle handle) {
    return handles.remove(handle);
  }

  void clear() {
    handles.clear();
    stats.clear();
  }

  void addStats(ProcessMatch match, StatsScript script) {
    stats.add(new StatsRule(match, script));
  }

  /** What stats report for {@code c}: the newest matching stats script, else the defaults. */
  StatsScript findStats(LiveContainer c) {
    List<StatsRule> snapshot = new ArrayList<>(stats);
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      if (matches(snapshot.get(i).match(), argv(c), c)) {
        return snapshot.get(i).script();
      }
    }
    return StatsScript.defaults();
  }

  private static List<String> argv(LiveContainer c) {
    List<String> argv = new ArrayList<>();
    argv.add(c.path);
    argv.addAll(c.args);
    return argv;
  }

  private boolean matches(ProcessMatch m, List<String> argv, LiveContainer c) {
    return m.matchesCommand(argv) && (m.image() == null || imageMatches(m.image(), c));
  }

  List<ScriptHandle> all() {
    return List.copyOf(handles);
  }

  ScriptHandle find(LiveContainer c) {
    return find(argv(c), c);
  }

  /** The script for {@code argv} run in {@code c} (an exec's command), or {@code null}. */
  ScriptHandle find(List<String> argv, LiveContainer c) {
    List<ScriptHandle> snapshot = new ArrayList<>(handles);
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      ScriptHandle h = snapshot.get(i);
      if (matches(h.match(), argv, c)) {
        return h;
      }
    }
    return null;
  }

  /** Whether {@code image} (as named in create, a tag of the image, or an ID prefix) is the image of {@code c}. */
  boolean imageMatches(String image, LiveContainer c) {
    if (image.equals(c.config.image()) || c.imageId.startsWith(image)) {
      return true;
    }
    Image found = lock.locked(() -> tags.lookupOrNull(image));
    return found != null && found.id().equals(c.imageId);
  }
}
