package io.mountscope.tui;

import io.mountscope.recipe.operator.Answer;
import io.mountscope.recipe.operator.BarChart;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.Progress;
import io.mountscope.recipe.operator.Question;
import io.mountscope.recipe.operator.Table;
import io.mountscope.recipe.operator.TextBlocks;
import io.mountscope.tui.panel.Style;

/**
 * The recipe engine's operator inside the dashboard: what the recipe says goes to the recipe
 * panel, its progress to a bar there, and each question waits for a key (y, n or Enter for no,
 * arrows and Enter for a choice, Esc to stop and roll back). It runs on the engine's thread and
 * never touches the terminal: the dashboard's loop paints {@link RecipeSession#snapshot()}.
 */
public final class DashboardOperator implements Operator {
  private final RecipeSession session;

  DashboardOperator(RecipeSession session) {
    this.session = session;
  }

  @Override
  public void step(String title) {
    session.add(new RecipeSession.Entry("", Style.NORMAL, null));
    session.add(new RecipeSession.Entry(title, Style.TITLE, null));
  }

  @Override
  public void say(String text) {
    session.add(new RecipeSession.Entry(text.stripTrailing(), Style.NORMAL, null));
  }

  @Override
  public void warn(String text) {
    session.add(new RecipeSession.Entry(text.stripTrailing(), Style.WARN, null));
  }

  @Override
  public Answer answer(Question q) {
    Answer a = session.ask(q);
    session.add(new RecipeSession.Entry("? " + q.text() + " -> " + a.value(), Style.BOLD, null));
    return a;
  }

  @Override
  public Progress progress(String label) {
    session.progress(label, 0, "");
    return new Progress() {
      @Override
      public void update(double fraction, String status) {
        session.progress(label, fraction, status);
      }

      @Override
      public void close() {
        session.progress(null, 0, "");
      }
    };
  }

  @Override
  public void table(Table t) {
    session.add(new RecipeSession.Entry("", Style.NORMAL, null));
    boolean head = t.title() != null && !t.title().isEmpty();
    int i = 0;
    for (String line : TextBlocks.table(t)) {
      // The title and the header row stand out; the rows are plain.
      session.add(new RecipeSession.Entry(line, i < (head ? 2 : 1) ? Style.TABLE_HEAD : Style.NORMAL, null));
      i++;
    }
  }

  @Override
  public void chart(BarChart c) {
    session.add(new RecipeSession.Entry("", Style.NORMAL, null));
    session.add(new RecipeSession.Entry(null, Style.NORMAL, c));
  }

  @Override
  public boolean interactive() {
    return true;
  }
}
