package io.mountscope.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * What a rule found: an id (lower-case words with dashes), a severity ("info", "warning",
 * "critical"), a title in plain words, evidence sentences and the numbers behind them.
 */
public record Finding(String id, String severity, String title, List<String> evidence, Map<String, Double> values) {}
