package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Finding;
import io.mountscope.plugin.api.Rule;
import io.mountscope.plugin.api.RuleInput;
import java.util.List;

/** A plugin rule that throws on every Model, for the isolation tests. */
public final class FaultyRule implements Rule {
  @Override
  public List<Finding> evaluate(RuleInput input) {
    throw new IllegalStateException("faulty rule cannot judge");
  }
}
