package io.mountscope.console;

import io.mountscope.tui.Recipes;
import io.mountscope.util.Dirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recipes on this install, by name with the one-line description the file gives, for
 * completion and {@code explain}: the dashboard's recipe list ({@link Recipes}) over every recipe
 * directory ({@link Dirs#recipeDirs()}), the first directory winning a name.
 */
public final class RecipeNames {
  private RecipeNames() {}

  /** Name -> description ("" when the file has none). */
  public static Map<String, String> list() {
    return list(Dirs.recipeDirs());
  }

  static Map<String, String> list(List<Path> dirs) {
    Map<String, String> recipes = new TreeMap<>();
    for (Path dir : dirs) {
      try {
        Recipes.list(dir).forEach(e -> recipes.putIfAbsent(e.name(), e.description()));
      } catch (IOException e) {
        // an unreadable directory lists nothing
      }
    }
    return recipes;
  }
}
