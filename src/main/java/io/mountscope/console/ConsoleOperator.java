package io.mountscope.console;

import io.mountscope.recipe.operator.Answer;
import io.mountscope.recipe.operator.BarChart;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.Progress;
import io.mountscope.recipe.operator.Question;
import io.mountscope.recipe.operator.Table;
import io.mountscope.recipe.operator.TextBlocks;
import java.util.concurrent.CancellationException;

/**
 * The recipe engine's operator on a terminal: a thin adapter over the console's {@link TerminalIo}
 * (questions that default to no, numbered choices, progress bars, tables). Ctrl-C at a question
 * cancels the recipe, which rolls back.
 */
public final class ConsoleOperator implements Operator {
  private final TerminalIo io;

  public ConsoleOperator(TerminalIo io) {
    this.io = io;
  }

  @Override
  public void step(String title) {
    io.say("");
    io.say("== " + title);
  }

  @Override
  public void say(String text) {
    text.stripTrailing().lines().forEach(io::say);
    if (text.isBlank()) {
      io.say("");
    }
  }

  @Override
  public void warn(String text) {
    text.stripTrailing().lines().forEach(io::warn);
  }

  @Override
  public Answer answer(Question q) {
    try {
      if (q.freeText()) {
        return new Answer(io.ask(q.text(), q.defaultChoice()), "operator");
      }
      if (q.isYesNo()) {
        return new Answer(io.confirm(q.text()) ? "yes" : "no", "operator");
      }
      int picked = io.choose(q.text(), q.choices(), Math.max(0, q.choices().indexOf(q.defaultChoice())));
      return new Answer(q.choices().get(picked), "operator");
    } catch (CancellationException e) {
      throw new Cancelled("Ctrl-C at the question '" + q.id() + "'");
    }
  }

  @Override
  public Progress progress(String label) {
    ProgressBar bar = io.progress(label, 100);
    return new Progress() {
      @Override
      public void update(double fraction, String status) {
        bar.update(Math.round(Math.max(0, Math.min(1, fraction)) * 100), status);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  @Override
  public void table(Table t) {
    io.say("");
    if (t.title() != null && !t.title().isEmpty()) {
      io.say(t.title());
    }
    TableView v = new TableView(t.headers().toArray(String[]::new));
    t.rows().forEach(r -> v.row(r.toArray()));
    io.table(v);
  }

  @Override
  public void chart(BarChart c) {
    io.say("");
    TextBlocks.chart(c, io.width(), io.unicode()).forEach(io::say);
  }

  @Override
  public boolean interactive() {
    return true;
  }
}
