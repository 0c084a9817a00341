package io.mountscope.tui;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * How a dashboard behaves: whether a console opened it (then q goes back to it instead of
 * quitting), whether ':' can open a console at all (else it says so), where installed recipes
 * live (for 'r'), and the time zone clock times are shown in.
 */
public record DashboardOptions(boolean openedFromConsole, boolean consoleAvailable, Path recipesDir, ZoneId zone) {

  /** Opened on its own by {@code mountscope}: q quits; recipes under the install prefix. */
  public static DashboardOptions standalone() {
    return new DashboardOptions(false, false, Recipes.installedDir(), ZoneId.systemDefault());
  }

  /** Opened by the console ('dash'): q and ':' both go back to it. */
  public static DashboardOptions fromConsole() {
    return new DashboardOptions(true, true, Recipes.installedDir(), ZoneId.systemDefault());
  }

  /** The same, with ':' returning {@link ExitReason#OPEN_CONSOLE} for the caller to open one. */
  public DashboardOptions withConsole() {
    return new DashboardOptions(openedFromConsole, true, recipesDir, zone);
  }
}
