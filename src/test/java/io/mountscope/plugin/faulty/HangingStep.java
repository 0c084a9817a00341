package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Reading;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.StepArgument;
import io.mountscope.plugin.api.StepOutput;
import io.mountscope.plugin.api.StepRun;
import java.time.Duration;
import java.util.List;

/** A plugin recipe step that never returns (and swallows interrupts), with a budget of 1 s, for the isolation tests. */
public final class HangingStep implements RecipeStep {
  @Override
  public String kind() {
    return "hanging-step";
  }

  @Override
  public String describe() {
    return "hangs";
  }

  @Override
  public List<StepArgument> arguments() {
    return List.of();
  }

  @Override
  public List<StepOutput> outputs() {
    return List.of(new StepOutput("value", "", "never given"));
  }

  @Override
  public Duration budget() {
    return Duration.ofSeconds(1);
  }

  @Override
  public List<Reading> run(StepRun run) {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException ignored) {
        // a careless plugin: it swallows the interrupt and goes on waiting
      }
    }
  }
}
