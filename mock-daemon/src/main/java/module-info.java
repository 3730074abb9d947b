/**
 * mock-daemon: a fake Docker daemon for tests. Users touch the exported packages: the daemon, its builder and
 * profiles, clocks, the journal and waits ({@code io.mockdocker}), faults and scripts as values, scenarios, fixtures,
 * and the registry. The engine ({@code io.mockdocker.internal.engine}), the HTTP views ({@code
 * io.mockdocker.internal.http}), the mini shell and the standalone command line are internal.
 */
module io.mockdocker {
  requires com.fasterxml.jackson.databind;
  requires com.google.common.jimfs;
  requires java.logging;
  requires org.apache.commons.compress;
  requires undertow.core;
  requires xnio.api;
  requires awaitility;
  requires static info.picocli;

  exports io.mockdocker;
  exports io.mockdocker.faults;
  exports io.mockdocker.fixtures;
  exports io.mockdocker.registry;
  exports io.mockdocker.scenario;
  exports io.mockdocker.script;

  opens io.mockdocker.standalone to info.picocli;
}
