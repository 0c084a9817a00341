package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.plugin.api.InvalidArgument;
import io.mountscope.plugin.api.Reading;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.StepArgument;
import io.mountscope.plugin.api.StepArguments;
import io.mountscope.plugin.api.StepOutput;
import io.mountscope.plugin.api.StepRun;
import io.mountscope.plugin.faulty.HangingStep;
import io.mountscope.plugin.faulty.ThrowingStep;
import io.mountscope.recipe.StepKind;
import io.mountscope.recipe.Type;
import io.mountscope.util.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A plugin's recipe step under the adapter: its declarations, its check, and its run contained. */
class PluginStepTest {
  /** Counts slices until cancelled or done; "fail" as the mode throws Unavailable. */
  private static final class Counting implements RecipeStep {
    @Override
    public String kind() {
      return "counting";
    }

    @Override
    public String describe() {
      return "counts";
    }

    @Override
    public List<StepArgument> arguments() {
      return List.of(StepArgument.required("slices", StepArgument.Type.INT, "how many"),
          StepArgument.optional("mode", StepArgument.Type.STRING, "fail or not"));
    }

    @Override
    public List<StepOutput> outputs() {
      return List.of(new StepOutput("count", "slices", "how many were counted"));
    }

    @Override
    public Duration budget() {
      return Duration.ofSeconds(5);
    }

    @Override
    public void check(StepArguments args) {
      if (args.integer("slices").orElse(1) < 1) {
        throw new InvalidArgument("slices", "must be at least 1");
      }
      if (args.given("mode") && args.text("mode").isEmpty()) {
        throw new IllegalArgumentException("mode is given but not known yet");
      }
    }

    @Override
    public List<Reading> run(StepRun run) throws Exception {
      if (run.arguments().text("mode").orElse("").equals("fail")) {
        throw new io.mountscope.plugin.api.Unavailable("nothing to count here");
      }
      long n = 0;
      for (; n < run.arguments().integer("slices").orElseThrow() && !run.cancelled(); n++) {
        run.say("slice " + n + " of " + run.id());
        Thread.sleep(20);
      }
      return List.of(Reading.of("count", n));
    }
  }

  @Test
  void declarations_become_the_engines_arguments_and_outputs() {
    PluginStep s = new PluginStep("test", new Counting());
    assertThat(s.name()).isEqualTo("counting");
    assertThat(s.arguments()).containsExactly(new StepKind.Argument("slices", Type.INT, true, "how many"),
        new StepKind.Argument("mode", Type.STRING, false, "fail or not"));
    assertThat(s.outputs()).containsExactly(new StepKind.Output("count", "slices", "how many were counted"));
  }

  @Test
  void the_plugins_check_names_the_argument_and_sees_what_is_given_but_unknown() {
    PluginStep s = new PluginStep("test", new Counting());
    s.check(Map.of("slices", 3L), Set.of("slices"));
    assertThatThrownBy(() -> s.check(Map.of("slices", 0L), Set.of("slices"))).isInstanceOfSatisfying(StepKind.Invalid.class,
        e -> assertThat(e.argument()).isEqualTo("slices")).hasMessage("must be at least 1");
    assertThatThrownBy(() -> s.check(Map.of(), Set.of("mode"))).isInstanceOfSatisfying(StepKind.Invalid.class,
        e -> assertThat(e.argument()).isNull()).hasMessage("mode is given but not known yet");
  }

  @Test
  void what_the_step_says_reaches_the_caller_in_order_and_its_reading_comes_back() throws Exception {
    List<String> said = new ArrayList<>();
    List<StepKind.Reading> r = new PluginStep("test", new Counting()).run("c", Map.of("slices", 3L), Map.of(), said::add,
        () -> false);
    assertThat(r).containsExactly(new StepKind.Reading("count", 3, List.of()));
    assertThat(said).containsExactly("slice 0 of c", "slice 1 of c", "slice 2 of c");
  }

  @Test
  void a_cancel_stops_the_wait_at_once() {
    AtomicBoolean cancelled = new AtomicBoolean();
    new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException ignored) {
        // the test ends anyway
      }
      cancelled.set(true);
    }).start();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> new PluginStep("test", new HangingStep()).run("h", Map.of(), Map.of(), l -> { },
        cancelled::get)).isInstanceOf(CancellationException.class);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(0.9);
  }

  @Test
  void a_throw_an_overrun_and_unavailable_are_step_failures_with_the_reason() {
    assertThatThrownBy(() -> new PluginStep("faults", new ThrowingStep()).run("t", Map.of(), Map.of(), l -> { },
        () -> false)).isInstanceOf(IllegalStateException.class).hasMessage("faulty-step (plugin faults) failed: "
            + "IllegalStateException: faulty step cannot measure (stack trace in the log)");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> new PluginStep("faults", new HangingStep()).run("h", Map.of(), Map.of(), l -> { },
        () -> false)).isInstanceOf(IllegalStateException.class)
        .hasMessage("hanging-step (plugin faults) overran its budget of 1 s and was given up");
    assertThat((System.nanoTime() - t0) / 1e9).isBetween(0.9, 3.0);
    assertThatThrownBy(() -> new PluginStep("test", new Counting()).run("c", Map.of("slices", 1L, "mode", "fail"),
        Map.of(), l -> { }, () -> false)).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("counting (plugin test): nothing to count here");
  }
}
