package io.mountscope.image;

/** An image as containerd names it: namespace, reference, and the descriptor it points to. */
public record ImageRef(String namespace, String name, Descriptor target) {}
