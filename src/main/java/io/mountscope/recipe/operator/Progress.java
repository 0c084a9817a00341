package io.mountscope.recipe.operator;

/** A long step in flight, shown as the operator's medium allows; closed when the step ends. */
public interface Progress extends AutoCloseable {
  /** {@code fraction} 0..1 done, and a few words on what is happening now. */
  void update(double fraction, String status);

  @Override
  void close();
}
