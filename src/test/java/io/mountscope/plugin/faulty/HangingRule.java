package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Finding;
import io.mountscope.plugin.api.Rule;
import io.mountscope.plugin.api.RuleInput;
import java.util.List;

/** A plugin rule that never returns, for the isolation tests. */
public final class HangingRule implements Rule {
  @Override
  public List<Finding> evaluate(RuleInput input) {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException ignored) {
        // a careless plugin: it swallows the interrupt and goes on waiting
      }
    }
  }
}
