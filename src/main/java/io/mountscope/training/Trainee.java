package io.mountscope.training;

import io.mountscope.recipe.operator.Operator;

/**
 * The person being trained, as the trainer sees them: an {@link Operator} to say things to, and
 * answers to read. A terminal trainee types them ({@link TerminalTrainee}); a scripted one takes
 * them from an answers file ({@link ScriptedTrainee}).
 */
public interface Trainee {
  /** Where the trainer's text goes. */
  Operator out();

  /**
   * The next answer to question {@code id}; null when there is none: the answers file has no more
   * for it, or the input ended ({@link #ended()} then says so). Ctrl-C throws CancellationException.
   */
  String answer(String id, String prompt);

  /** True once the input has ended (Ctrl-D, end of stdin): the session stops asking. */
  boolean ended();
}
