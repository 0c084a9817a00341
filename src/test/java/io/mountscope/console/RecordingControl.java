package io.mountscope.console;

import java.util.ArrayList;
import java.util.List;

/** A console for tests: records what the console-only commands asked for. */
final class RecordingControl implements ConsoleControl {
  final List<String> history = new ArrayList<>();
  boolean dashboard;
  Integer exit;
  int clears;

  @Override
  public void openDashboard() {
    dashboard = true;
  }

  @Override
  public void exit(int code) {
    exit = code;
  }

  @Override
  public void clearScreen() {
    clears++;
  }

  @Override
  public List<String> history() {
    return history;
  }

  @Override
  public void clearHistory() {
    history.clear();
  }

  @Override
  public boolean interactive() {
    return true;
  }
}
