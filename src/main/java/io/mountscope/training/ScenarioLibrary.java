package io.mountscope.training;

import io.mountscope.recipe.RecipeLibrary;
import io.mountscope.util.Dirs;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where scenarios are: {@code training/} under each recipe directory (docs/recipes.md), the first
 * directory winning a name; or a path to a scenario file. A scenario's recipe answers are checked
 * against the recipes of the same directories.
 */
public final class ScenarioLibrary {
  private final List<Path> dirs;
  private final Set<String> recipes;

  public ScenarioLibrary(List<Path> recipeDirs) {
    this.dirs = recipeDirs.stream().map(d -> d.resolve("training")).toList();
    this.recipes = new LinkedHashSet<>(new RecipeLibrary(recipeDirs).names());
  }

  /** The installed scenarios (recipes/training/ of the install or the source checkout). */
  public static ScenarioLibrary installed() {
    List<Path> d = Dirs.recipeDirs();
    return new ScenarioLibrary(d.isEmpty() ? List.of(Path.of("recipes").toAbsolutePath()) : d);
  }

  /** The recipe names a recipe answer may be. */
  public Set<String> recipes() {
    return recipes;
  }

  /** One scenario file: its name and title, or why it does not load. */
  public record Entry(String name, Path file, String title, String summary, String stage, int questions, String error) {}

  /** Every scenario, by name, each loaded and checked. */
  public List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    files().forEach((name, f) -> {
      try {
        Scenario s = ScenarioFile.load(f, recipes);
        out.add(new Entry(name, f, s.title(), s.summary(), stage(s), s.doc().questions().size(), null));
      } catch (InputException e) {
        out.add(new Entry(name, f, null, null, null, 0, e.getMessage()));
      }
    });
    return out;
  }

  static String stage(Scenario s) {
    Scenario.Stage st = s.doc().stage();
    if (st == null) {
      return "none";
    }
    return st.storm() != null ? "storm " + st.storm().pattern().text() : "replay " + st.replay().text();
  }

  /** A scenario by name or path; InputException (exit 2) when there is none or it is broken. */
  public Scenario load(String nameOrPath) {
    Path asPath = Path.of(nameOrPath);
    if ((nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) && Files.isRegularFile(asPath)) {
      return ScenarioFile.load(asPath, recipes);
    }
    Map<String, Path> files = files();
    if (files.containsKey(nameOrPath)) {
      return ScenarioFile.load(files.get(nameOrPath), recipes);
    }
    throw new InputException("no training scenario '" + nameOrPath + "' (scenarios: "
        + (files.isEmpty() ? "none in " + dirs : String.join(", ", files.keySet())) + ")");
  }

  private Map<String, Path> files() {
    Map<String, Path> byName = new TreeMap<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(Files::isRegularFile).sorted().forEach(p -> {
          String n = p.getFileName().toString();
          if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            byName.putIfAbsent(io.mountscope.recipe.RecipeFile.nameOf(p), p);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return byName;
  }
}
