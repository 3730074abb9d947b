package io.mockdocker.internal.engine;

/** One row of the container list: the container, its image's name, its status text and its sizes. */
public record ContainerListing(Container container, String image, String status, long sizeRw, long sizeRootFs) {}
