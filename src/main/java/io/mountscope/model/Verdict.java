package io.mountscope.model;

import java.util.List;
import java.util.Map;

/**
 * A diagnosis: what is wrong (id, severity, a title in plain words), the numbers that say so (as
 * sentences in {@code evidence}, and by metric name in {@code values}), and the recipes to run next.
 */
public record Verdict(String id, Severity severity, String title, List<String> evidence, Map<String, Double> values,
    List<String> next) {}
