package io.mockdocker.internal.engine;

import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registered process scripts; the most recently registered match wins over older ones and over the shell. */
final class ProcessScripts {
  private final CopyOnWriteArrayList<ScriptHandle> handles = new CopyOnWriteArrayList<>();
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
  }

  List<ScriptHandle> all() {
    return List.copyOf(handles);
  }

  ScriptHandle find(LiveContainer c) {
    List<String> argv = new ArrayList<>();
    argv.add(c.path);
    argv.addAll(c.args);
    return find(argv, c);
  }

  /** The script for {@code argv} run in {@code c} (an exec's command), or {@code null}. */
  ScriptHandle find(List<String> argv, LiveContainer c) {
    List<ScriptHandle> snapshot = new ArrayList<>(handles);
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      ScriptHandle h = snapshot.get(i);
      ProcessMatch m = h.match();
      if (m.matchesCommand(argv) && (m.image() == null || imageMatches(m.image(), c))) {
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
