package io.mountscope.plugin.api;

import java.util.List;

/** A diagnosis rule in code: findings for one Model, shown with the built-in verdicts. Must be quick and pure. */
public interface Rule {
  List<Finding> evaluate(RuleInput input);
}
