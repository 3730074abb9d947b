package io.mockdocker.engine;

import java.util.List;

/** What create answers: the new container's short ID and the warnings (empty when none). */
public record ContainerCreated(String id, List<String> warnings) {}
