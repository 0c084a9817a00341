package io.mountscope.model;

import java.util.List;

/**
 * A diagnosis: what is wrong (id, severity, a title in plain words), the numbers that say so,
 * and the recipes to run next.
 */
public record Verdict(String id, Severity severity, String title, List<String> evidence, List<String> next) {}
