package io.mountscope.recipe.operator;

import java.io.PrintWriter;

/**
 * The operator of unattended runs: answers come from an answers file, then from --yes (yes to
 * every yes/no question, the default for choices), then the default (no). Everything said, and
 * every answer with where it came from, is printed as plain text.
 */
public class ScriptedOperator extends TextOperator {
  private final boolean yes;
  private final Answers answers;

  public ScriptedOperator(PrintWriter out, boolean yes, Answers answers, boolean unicode, int width) {
    super(out, unicode, width);
    this.yes = yes;
    this.answers = answers;
  }

  @Override
  public Answer answer(Question q) {
    Answer a = answers.of(q).map(v -> new Answer(v, "answers file"))
        .orElseGet(() -> yes && q.isYesNo() ? new Answer("yes", "--yes") : new Answer(q.defaultChoice(), "default"));
    out.println("? " + q.text() + " " + options(q) + " -> " + a.value() + " (" + a.source() + ")");
    out.flush();
    return a;
  }

  @Override
  public Progress progress(String label) {
    return new Progress() {
      @Override
      public void update(double fraction, String status) {
        // a log has no use for a moving bar; the result follows when the step ends
      }

      @Override
      public void close() {
        // nothing drawn, nothing to erase
      }
    };
  }

  @Override
  public boolean interactive() {
    return false;
  }
}
