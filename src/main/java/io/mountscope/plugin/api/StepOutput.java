package io.mountscope.plugin.api;

/**
 * A number a {@link RecipeStep} returns: its name (lower-case words with dashes; published as
 * {@code ID.NAME}), its unit as tables show it ("CPUs", "s", "mounts"), and a line of help.
 */
public record StepOutput(String name, String unit, String help) {}
