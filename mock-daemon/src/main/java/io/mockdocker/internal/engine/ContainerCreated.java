package io.mockdocker.internal.engine;

import java.util.List;

/** What create answers: the new container's short ID, the warnings (empty when none) and its full ID. */
public record ContainerCreated(String id, List<String> warnings, String fullId) {}
