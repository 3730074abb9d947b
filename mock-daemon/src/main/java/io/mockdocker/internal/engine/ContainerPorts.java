package io.mockdocker.internal.engine;

import java.util.List;

/** A container's port configuration and what its current run published (empty when it does not run). */
public record ContainerPorts(PortConfig config, List<PublishedPort> published) {}
