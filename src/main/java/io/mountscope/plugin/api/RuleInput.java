package io.mountscope.plugin.api;

import java.util.Map;
import java.util.Optional;

/** What a rule reads: plugins' derived parts by plugin name, and the console's own metrics (docs/diagnosis.md). */
public interface RuleInput {
  /** The derived part of plugin {@code plugin}, when its probe gave one. */
  Optional<Map<String, Object>> part(String plugin);

  /** A numeric metric of the built-in diagnosis, such as "mountActivity.totalRate", when measured. */
  Optional<Double> metric(String name);
}
