package io.mountscope.plugin.api;

/** Thrown by a probe when the node cannot give its part at all; the message is shown as the reason. */
public class Unavailable extends Exception {
  private static final long serialVersionUID = 1L;

  public Unavailable(String reason) {
    super(reason);
  }
}
