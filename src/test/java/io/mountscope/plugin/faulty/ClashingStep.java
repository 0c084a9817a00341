package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Reading;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.StepArgument;
import io.mountscope.plugin.api.StepOutput;
import io.mountscope.plugin.api.StepRun;
import java.util.List;

/** A plugin recipe step that claims the built-in kind "measure": its plugin must be refused. */
public final class ClashingStep implements RecipeStep {
  @Override
  public String kind() {
    return "measure";
  }

  @Override
  public String describe() {
    return "takes a built-in name";
  }

  @Override
  public List<StepArgument> arguments() {
    return List.of();
  }

  @Override
  public List<StepOutput> outputs() {
    return List.of(new StepOutput("value", "", ""));
  }

  @Override
  public List<Reading> run(StepRun run) {
    return List.of(Reading.of("value", 1));
  }
}
