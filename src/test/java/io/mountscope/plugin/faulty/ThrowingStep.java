package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Reading;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.StepArgument;
import io.mountscope.plugin.api.StepOutput;
import io.mountscope.plugin.api.StepRun;
import java.util.List;

/** A plugin recipe step that says a line and then throws, for the isolation tests. */
public final class ThrowingStep implements RecipeStep {
  @Override
  public String kind() {
    return "faulty-step";
  }

  @Override
  public String describe() {
    return "throws";
  }

  @Override
  public List<StepArgument> arguments() {
    return List.of(StepArgument.optional("level", StepArgument.Type.INT, "ignored"));
  }

  @Override
  public List<StepOutput> outputs() {
    return List.of(new StepOutput("value", "", "never given"));
  }

  @Override
  public List<Reading> run(StepRun run) {
    run.say("faulty step starting");
    throw new IllegalStateException("faulty step cannot measure");
  }
}
