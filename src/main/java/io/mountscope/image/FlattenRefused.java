package io.mountscope.image;

import io.mountscope.util.InputException;

/** An image that flatten cannot turn into one equivalent layer, and why: exit code 2, nothing imported. */
public final class FlattenRefused extends InputException {
  private static final long serialVersionUID = 1L;

  public FlattenRefused(String message) {
    super(message);
  }
}
