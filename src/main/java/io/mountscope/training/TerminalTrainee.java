package io.mountscope.training;

import io.mountscope.console.ConsoleOperator;
import io.mountscope.console.TerminalIo;
import io.mountscope.recipe.operator.Operator;

/** A trainee at a terminal: the console's TerminalIo, the recipe engine's console operator for the text. */
public final class TerminalTrainee implements Trainee {
  private final TerminalIo io;
  private final Operator out;
  private boolean ended;

  public TerminalTrainee(TerminalIo io) {
    this.io = io;
    this.out = new ConsoleOperator(io);
  }

  @Override
  public Operator out() {
    return out;
  }

  @Override
  public String answer(String id, String prompt) {
    String line = io.readLine(prompt);
    if (line == null) {
      ended = true;
    }
    return line;
  }

  @Override
  public boolean ended() {
    return ended;
  }
}
