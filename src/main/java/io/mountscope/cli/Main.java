package io.mountscope.cli;

/** Entry point of the mountscope launcher: wires the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.create().execute(args);
    System.out.flush();
    System.exit(code);
  }
}
