package io.mountscope.recipe;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A step kind a plugin adds, as the recipe engine sees it: the arguments and outputs the checks
 * need, the plugin's own check of values, and a run. The adapter (plugin.PluginStep) contains the
 * plugin's code: budgets, and every Throwable turned into one of the exceptions documented here.
 */
public interface StepKind {
  /** An argument: name, type, whether required, help. */
  record Argument(String name, Type type, boolean required, String help) {}

  /** An output: its name (published as ID.NAME, a number) and unit. */
  record Output(String name, String unit, String help) {}

  /** One output's value as a run returned it, with the samples it summarises (maybe none). */
  record Reading(String name, double value, List<Double> samples) {}

  /** A bad value found by the plugin's check; {@code argument} null when it names none. */
  final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String argument;

    public Invalid(String argument, String message) {
      super(message);
      this.argument = argument;
    }

    public String argument() {
      return argument;
    }
  }

  String name();

  /** The plugin that adds it. */
  String plugin();

  String describe();

  List<Argument> arguments();

  List<Output> outputs();

  /**
   * The plugin's check of the values known now ({@code values} holds the arguments whose value is
   * known, typed; {@code given} every argument the recipe gives); throws {@link Invalid}.
   */
  void check(Map<String, Object> values, java.util.Set<String> given);

  /**
   * Runs the step with every argument's value; {@code say} reaches the operator. Returns one
   * reading per output. Throws what the plugin threw (the reason in the message), or an
   * IllegalStateException when it overran its budget or broke the contract.
   */
  List<Reading> run(String id, Map<String, Object> arguments, Map<String, Object> values, Consumer<String> say,
      BooleanSupplier cancelled) throws Exception;
}
