package io.mountscope.recipe.actuator;

import io.mountscope.journal.Intent;
import java.util.List;

/**
 * What an actuator would change, read from the node before anything is changed: one intent per
 * value it writes (a sysctl is one; an affinity for containerd's processes is one per process),
 * each with the old value that rollback restores, and a line for the operator.
 */
public record Plan(List<Intent> intents, String summary) {
  public Plan {
    intents = List.copyOf(intents);
  }

  /** True when every value already is what the change would write. */
  public boolean noop() {
    return intents.stream().allMatch(i -> SysFiles.same(i.oldValue(), i.newValue()));
  }
}
