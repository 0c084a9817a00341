package io.mountscope.recipe;

import java.util.List;
import java.util.Map;

/**
 * A parsed and checked recipe: where it came from, what it is for, its parameters, the workloads
 * its measurements run, and its steps with the line each starts on. Built by {@link RecipeFile};
 * run by {@link RecipeEngine}.
 */
public record Recipe(String name, String file, Value title, Value description, Map<String, Param> parameters,
    Map<String, Workload> workloads, List<Located> steps) {

  /** A step and the line of the file it starts on. */
  public record Located(int line, Step step) {}

  /** Where a line of this recipe is, for messages: "recipes/x.yaml:12". */
  public String at(int line) {
    return line > 0 ? file + ":" + line : file;
  }
}
