package io.mountscope.recipe.operator;

/**
 * Everything a recipe says to and asks of the person running it. The recipe engine never touches
 * a terminal: it talks to one of these. Implementations: the console's (console.ConsoleOperator,
 * on JLine through console.TerminalIo), the dashboard's panel (tui.DashboardOperator) and
 * {@link ScriptedOperator} (--yes, --answers FILE, tests). A question may throw
 * {@link Cancelled} when the operator aborts the recipe.
 */
public interface Operator {
  /** A step begins: its kind and a short title. */
  void step(String title);

  /** A paragraph of explanation. */
  void say(String text);

  /** Something the operator should not miss (a refusal, a skip, a rollback). */
  void warn(String text);

  /**
   * Asks {@code q}: "yes" or "no" for a yes/no question (no unless the operator says yes), else
   * one of its choices.
   */
  Answer answer(Question q);

  Progress progress(String label);

  void table(Table t);

  void chart(BarChart c);

  /** Whether a person answers (the run then never treats silence as consent). */
  boolean interactive();
}
