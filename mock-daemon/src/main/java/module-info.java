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
  exports io.mockdocker.api;
  exports io.mockdocker.engine;
  exports io.mockdocker.engine.shell;
  exports io.mockdocker.faults;
  exports io.mockdocker.fixtures;
  exports io.mockdocker.scenario;
  exports io.mockdocker.script;
  exports io.mockdocker.standalone;

  opens io.mockdocker.standalone to info.picocli;
}
