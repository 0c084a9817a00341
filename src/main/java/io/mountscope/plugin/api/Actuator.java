package io.mountscope.plugin.api;

/**
 * A lever recipes may pull ({@code actuator: NAME} in an apply step): read a target's value and
 * write a new one. The console journals the old value before {@link #write}, and writes it back
 * on rollback, Ctrl-C and {@code mountscope recover}; a write must therefore be idempotent.
 */
public interface Actuator {
  String name();

  /** What target and value mean, for {@code recipe show}. */
  String describe();

  default void init(PluginContext context) throws Exception {}

  /** The current value of {@code target}; throw IllegalArgumentException for a target that cannot be. */
  String read(String target) throws Exception;

  /** Sets {@code target} to {@code value}; returns what it read back. */
  String write(String target, String value) throws Exception;
}
