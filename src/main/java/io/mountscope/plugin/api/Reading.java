package io.mountscope.plugin.api;

import java.util.List;

/**
 * One output of a step's run: the {@code value} published as {@code ID.NAME}, and optionally the
 * {@code samples} it summarises (one per slice of the window, say). A comparison of two runs tests
 * the samples with a Mann-Whitney U test; without samples on both sides it makes no verdict.
 */
public record Reading(String name, double value, List<Double> samples) {
  public Reading {
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  public static Reading of(String name, double value) {
    return new Reading(name, value, List.of());
  }
}
