package io.mountscope.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mountscope.util.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The recipes on this install, by name (the file name without .yaml/.yml) with the one-line
 * description the file gives, for completion and {@code explain}. The recipe engine parses and
 * validates the files; this only lists them, and a file it cannot read still lists by name.
 */
public final class RecipeNames {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RecipeNames() {}

  /** Name -> description ("" when the file has none), from {@link Dirs#recipeDirs()}; the first dir wins. */
  public static Map<String, String> list() {
    return list(Dirs.recipeDirs());
  }

  static Map<String, String> list(List<Path> dirs) {
    Map<String, String> recipes = new TreeMap<>();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(RecipeNames::isRecipe).sorted().forEach(f -> recipes.putIfAbsent(name(f), description(f)));
      } catch (IOException e) {
        // an unreadable directory lists nothing
      }
    }
    return recipes;
  }

  private static boolean isRecipe(Path f) {
    String n = f.getFileName().toString();
    return Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml"));
  }

  private static String name(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static String description(Path f) {
    try {
      JsonNode root = YAML.readTree(f.toFile());
      for (String key : new String[] {"description", "title", "summary"}) {
        JsonNode v = root == null ? null : root.get(key);
        if (v != null && v.isTextual()) {
          return v.asText().strip().replaceAll("\\s+", " ");
        }
      }
    } catch (IOException | RuntimeException e) {
      // listed by name only
    }
    return "";
  }
}
