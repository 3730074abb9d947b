package io.mockdocker.internal.engine;

import java.util.List;

/**
 * A container's removal for {@link Containers}: the refusals of a running, paused or restarting one, a forced
 * removal's mark and kill (as dockerd: the mark comes first, so a restart waiting for the run's end finds it), then
 * its files, names, mounts and anonymous volumes.
 */
final class ContainerRemoval {
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final Mounts mounts;

  ContainerRemoval(ContainerStore store, ContainerRuntime runtime, Mounts mounts) {
    this.store = store;
    this.runtime = runtime;
    this.mounts = mounts;
  }

  /**
   * Removes {@code name}; with {@code force} a running one is first marked (no start runs it again) and killed; with
   * {@code volumes} its anonymous volumes go too, unless still in use.
   */
  void remove(String name, boolean force, boolean volumes) {
    LiveContainer c = store.get(name);
    if (force) {
      synchronized (c) {
        c.removing = true; // before the kill, so that a restart waiting on the run's end does not start it again
      }
      try {
        runtime.kill(c);
        removeKilled(c, name, volumes);
      } catch (RuntimeException e) {
        synchronized (c) {
          c.removing = false;
        }
        throw e;
      }
      return;
    }
    synchronized (c) {
      if (c.state.restarting()) {
        throw new DockerException("cannot remove container \"/" + c.name + "\": container is restarting: stop the"
            + " container before removing or force remove");
      }
    }
    removeKilled(c, name, volumes);
  }

  /** The removal once no process runs (or the running one's refusal): files, names, mounts and volumes. */
  private void removeKilled(LiveContainer c, String name, boolean volumes) {
    boolean paused;
    synchronized (c) {
      paused = c.state.paused();
    }
    store.remove(c, name, "cannot remove container \"/" + c.name + "\": container is "
        + (paused ? "paused and must be unpaused first" : "running: stop the container before removing or force remove"));
    List<Mounts.Attached> attached;
    synchronized (c) {
      attached = c.mounts;
    }
    mounts.removed(c.id, attached, volumes);
  }
}
