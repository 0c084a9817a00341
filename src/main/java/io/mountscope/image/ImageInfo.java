package io.mountscope.image;

/**
 * One image of the inventory: layers and stored size for this node's platform, the mount syscalls
 * one start of it costs under each idmap strategy, and whether it has more layers than the
 * threshold (a candidate for flattening). {@code error} says why an image could not be read
 * (then layers and the costs are null).
 */
public record ImageInfo(String namespace, String ref, String digest, String platform, Integer layers,
    Long sizeBytes, MountCost mountSyscallsPerStart, boolean overThreshold, String error) {}
