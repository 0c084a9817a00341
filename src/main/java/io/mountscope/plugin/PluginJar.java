package io.mountscope.plugin;

import io.mountscope.plugin.api.PluginApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * What a plugin jar declares, read without loading a class: the manifest's name, version and API
 * version, and its META-INF/services entries for the API's interfaces (class names per service).
 */
record PluginJar(Path file, String name, String version, String api, Map<String, List<String>> services) {
  /** The API's service interfaces, by the word {@code plugins} lists them under. */
  static final Map<String, String> SERVICES = Map.of(
      "probe", "io.mountscope.plugin.api.Probe",
      "panel", "io.mountscope.plugin.api.Panel",
      "rule", "io.mountscope.plugin.api.Rule",
      "command", "io.mountscope.plugin.api.Command",
      "actuator", "io.mountscope.plugin.api.Actuator",
      "step", "io.mountscope.plugin.api.RecipeStep");
  static final List<String> ORDER = List.of("probe", "panel", "rule", "command", "actuator", "step");
  private static final String NAME_FORM = "[a-z][a-z0-9-]*";

  /** Reads the jar's declarations; a jar that cannot be read or declares badly is an exception with one line. */
  static PluginJar read(Path file) throws BadPlugin {
    try (JarFile jar = new JarFile(file.toFile())) {
      Manifest m = jar.getManifest();
      if (m == null) {
        throw new BadPlugin("no META-INF/MANIFEST.MF");
      }
      Attributes a = m.getMainAttributes();
      String name = a.getValue(PluginApi.NAME);
      String version = a.getValue(PluginApi.PLUGIN_VERSION);
      String api = a.getValue(PluginApi.API);
      if (name == null || !name.matches(NAME_FORM)) {
        throw new BadPlugin("manifest attribute " + PluginApi.NAME + " is "
            + (name == null ? "missing" : "'" + name + "'") + " (expected lower-case words joined by dashes)");
      }
      if (version == null || version.isBlank()) {
        throw new BadPlugin("manifest attribute " + PluginApi.PLUGIN_VERSION + " is missing");
      }
      if (api == null || api.isBlank()) {
        throw new BadPlugin("manifest attribute " + PluginApi.API + " is missing");
      }
      Map<String, List<String>> services = new LinkedHashMap<>();
      for (String kind : ORDER) {
        ZipEntry e = jar.getEntry("META-INF/services/" + SERVICES.get(kind));
        if (e != null) {
          services.put(kind, classNames(jar, e));
        }
      }
      if (services.values().stream().allMatch(List::isEmpty)) {
        throw new BadPlugin("adds nothing: no META-INF/services entry for any of " + String.join(", ",
            ORDER.stream().map(SERVICES::get).toList()));
      }
      return new PluginJar(file, name, version.trim(), api.trim(), services);
    } catch (IOException | SecurityException e) {
      throw new BadPlugin("not a readable jar: " + e.getMessage());
    }
  }

  private static List<String> classNames(JarFile jar, ZipEntry e) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(e), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int hash = line.indexOf('#');
        String c = (hash < 0 ? line : line.substring(0, hash)).trim();
        if (!c.isEmpty()) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** What a plugin jar says it adds, as {@code plugins} lists it: "probe", "panel", "command" and so on. */
  List<String> adds() {
    List<String> out = new ArrayList<>();
    services.forEach((kind, classes) -> classes.forEach(c -> out.add(kind)));
    return out;
  }

  /** A jar that cannot be loaded, and why in one line. */
  static final class BadPlugin extends Exception {
    private static final long serialVersionUID = 1L;

    BadPlugin(String reason) {
      super(reason);
    }
  }
}
