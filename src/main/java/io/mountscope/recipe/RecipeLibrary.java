package io.mountscope.recipe;

import io.mountscope.util.Dirs;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where recipes are: the directories of {@link Dirs#recipeDirs()} (MOUNTSCOPE_RECIPES, then
 * {@code recipes/} under the install prefix the launcher passes as {@code mountscope.home},
 * where install.sh copies the source tree's recipes/), else {@code ./recipes}; the first
 * directory wins a name. A recipe is named by its file name without .yaml, or given as a path to
 * a YAML file of one's own.
 */
public final class RecipeLibrary {
  private final List<Path> dirs;

  public RecipeLibrary(Path dir) {
    this(List.of(dir));
  }

  public RecipeLibrary(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /** The installed recipes, or ./recipes (a source checkout run without the launcher). */
  public static RecipeLibrary installed() {
    List<Path> dirs = Dirs.recipeDirs();
    return new RecipeLibrary(dirs.isEmpty() ? List.of(Path.of("recipes").toAbsolutePath()) : dirs);
  }

  /** The directories searched, in order. */
  public List<Path> dirs() {
    return dirs;
  }

  /** One recipe file: its name, and its title and description, or why it does not load. */
  public record Entry(String name, Path file, String title, String description, String error) {}

  /** Every recipe file, sorted by name, each loaded and checked (a broken one says why). */
  public List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    for (Path f : files()) {
      String name = name(f);
      try {
        Recipe r = RecipeFile.load(f);
        out.add(new Entry(name, f, r.title().text(), r.description().text().strip().lines().findFirst().orElse(""), null));
      } catch (InputException e) {
        out.add(new Entry(name, f, null, null, e.getMessage()));
      }
    }
    return out;
  }

  /** The names of the recipe files. */
  public List<String> names() {
    return files().stream().map(RecipeLibrary::name).toList();
  }

  /** A recipe by name, or a recipe file by path; InputException (exit 2) when there is none or it is broken. */
  public Recipe load(String nameOrPath) {
    Path asPath = Path.of(nameOrPath);
    if ((nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) && Files.isRegularFile(asPath)) {
      return RecipeFile.load(asPath);
    }
    for (Path f : files()) {
      if (name(f).equals(nameOrPath)) {
        return RecipeFile.load(f);
      }
    }
    List<String> names = names();
    throw new InputException("no recipe '" + nameOrPath + "' in " + where() + (names.isEmpty() ? " (none there)"
        : " (recipes: " + String.join(", ", names) + ")"));
  }

  private String where() {
    return dirs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "));
  }

  /** The recipe files of every directory, sorted by name; a name in an earlier directory hides a later one. */
  private List<Path> files() {
    java.util.Map<String, Path> byName = new java.util.TreeMap<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(Files::isRegularFile).filter(p -> name(p) != null).sorted().forEach(p -> byName.putIfAbsent(name(p), p));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return List.copyOf(byName.values());
  }

  private static String name(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n.endsWith(".yml") ? n.substring(0, n.length() - 4) : null;
  }
}
