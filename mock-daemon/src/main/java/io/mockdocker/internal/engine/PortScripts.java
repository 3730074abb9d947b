package io.mockdocker.internal.engine;

import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.PortScriptHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registered port scripts; the most recently registered match wins, and no match is accept-and-hold. */
final class PortScripts {
  private final CopyOnWriteArrayList<PortScriptHandle> handles = new CopyOnWriteArrayList<>();
  private final ProcessScripts images;

  /** {@code images} tells whether a match's image names a container's image, as it does for process scripts. */
  PortScripts(ProcessScripts images) {
    this.images = images;
  }

  PortScriptHandle add(PortMatch match, PortScript script) {
    PortScriptHandle handle = ScriptAccess.handle(match, script);
    handles.add(handle);
    return handle;
  }

  boolean remove(PortScriptHandle handle) {
    return handles.remove(handle);
  }

  List<PortScriptHandle> all() {
    return List.copyOf(handles);
  }

  /** The script for container port {@code port} ({@code 80/tcp}) of {@code c}, or {@code null} (hold). */
  PortScriptHandle find(LiveContainer c, String port) {
    List<PortScriptHandle> snapshot = List.copyOf(handles);
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      PortMatch m = snapshot.get(i).match();
      if ((m.port() == null || m.port().equals(port))
          && (m.container() == null || m.container().equals(c.name))
          && (m.image() == null || images.imageMatches(m.image(), c))) {
        return snapshot.get(i);
      }
    }
    return null;
  }
}
