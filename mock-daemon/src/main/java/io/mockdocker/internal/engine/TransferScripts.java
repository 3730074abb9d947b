package io.mockdocker.internal.engine;

import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registered transfer scripts; the most recently registered match wins, else {@link TransferScript#DEFAULT}. */
final class TransferScripts {
  private final CopyOnWriteArrayList<TransferHandle> handles = new CopyOnWriteArrayList<>();

  TransferHandle add(TransferMatch match, TransferScript script) {
    TransferHandle handle = ScriptAccess.handle(match, script);
    handles.add(handle);
    return handle;
  }

  boolean remove(TransferHandle handle) {
    return handles.remove(handle);
  }

  List<TransferHandle> all() {
    return List.copyOf(handles);
  }

  TransferScript find(Transfer t) {
    List<TransferHandle> snapshot = all();
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      TransferHandle h = snapshot.get(i);
      if (h.match().matches(t.kind(), t.name(), t.image(), t.number())) {
        ScriptAccess.used(h);
        return h.script();
      }
    }
    return TransferScript.DEFAULT;
  }
}
