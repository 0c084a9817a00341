package io.mountscope.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recipes installed with mountscope, for the dashboard's 'r' list: every YAML file under the
 * install prefix's recipes/ directory, with the description it carries. Running them is the
 * console's job (recipe run NAME).
 */
public final class Recipes {
  private Recipes() {}

  /** One recipe file: its name (path under recipes/ without .yaml) and its description, if any. */
  public record Entry(String name, String description) {}

  /** {@code recipes/} under the install prefix the launcher passes as mountscope.home. */
  public static Path installedDir() {
    String home = System.getProperty("mountscope.home");
    return home == null ? null : Path.of(home, "recipes");
  }

  /** The recipes in {@code dir}, sorted by name; empty when there is no such directory. */
  public static List<Entry> list(Path dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 4)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted().toList();
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (Path f : files) {
      String name = dir.relativize(f).toString().replaceAll("\\.ya?ml$", "");
      out.add(new Entry(name, describe(yaml, f)));
    }
    return out;
  }

  private static String describe(ObjectMapper yaml, Path f) {
    try {
      JsonNode root = yaml.readTree(f.toFile());
      for (String key : new String[] {"description", "title", "summary"}) {
        if (root != null && root.hasNonNull(key)) {
          return root.get(key).asText().strip().lines().findFirst().orElse("");
        }
      }
      return "";
    } catch (IOException | RuntimeException e) {
      return "(not valid YAML: " + e.getMessage().lines().findFirst().orElse("") + ")";
    }
  }
}
