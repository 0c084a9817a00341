package io.mountscope.plugin;

import io.mountscope.plugin.api.PluginApi;
import io.mountscope.testing.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Plugin jars for the tests: the built examples, copies with another manifest, and the faulty test plugin. */
final class PluginJars {
  private PluginJars() {}

  /**
   * An example plugin as the build made it (target/dist/plugins/NAME.jar), copied to a directory
   * root trusts ({@link #examples()}): the clone itself may sit below /tmp, which root refuses.
   */
  static Path example(String name) {
    return examples().resolve(name + ".jar");
  }

  /** The trusted copy of target/dist/plugins, made again when a test class removed it. */
  static Path examples() {
    Path dir = PluginsIT.BASE.resolve("examples");
    try {
      if (!Files.isDirectory(dir)) {
        Path built = Launcher.dist().resolve("plugins");
        Path fresh = PluginsIT.freshDir("examples");
        try (var jars = Files.list(built)) {
          for (Path jar : jars.toList()) {
            Files.copy(jar, fresh.resolve(jar.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dir;
  }

  /** A copy of {@code source} at {@code target} whose manifest has {@code attributes} changed. */
  static Path withManifest(Path source, Path target, Map<String, String> attributes) throws IOException {
    try (JarFile in = new JarFile(source.toFile())) {
      Manifest m = new Manifest(in.getManifest());
      attributes.forEach((k, v) -> m.getMainAttributes().put(new Attributes.Name(k), v));
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), m)) {
        for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
          JarEntry entry = e.nextElement();
          if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
            continue;
          }
          out.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream body = in.getInputStream(entry)) {
            body.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return target;
  }

  /**
   * The faulty test plugin (src/test/java/io/mountscope/plugin/faulty) as plugin {@code name}:
   * its probe, panel and rule throw (or hang, for a name ending in "hang").
   */
  static Path faulty(Path dir, String name) throws IOException {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(new Attributes.Name(PluginApi.NAME), name);
    a.put(new Attributes.Name(PluginApi.PLUGIN_VERSION), "0.0.1");
    a.put(new Attributes.Name(PluginApi.API), PluginApi.VERSION);
    Path jar = dir.resolve(name + ".jar");
    Path classes = Path.of("target/test-classes/io/mountscope/plugin/faulty");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      String panel = name.endsWith("hang") ? "HangingPanel" : "FaultyPanel";
      String rule = name.endsWith("hang") ? "HangingRule" : "FaultyRule";
      for (String c : List.of("FaultyProbe", panel, rule)) {
        out.putNextEntry(new JarEntry("io/mountscope/plugin/faulty/" + c + ".class"));
        Files.copy(classes.resolve(c + ".class"), out);
        out.closeEntry();
      }
      service(out, "io.mountscope.plugin.api.Probe", "io.mountscope.plugin.faulty.FaultyProbe");
      service(out, "io.mountscope.plugin.api.Panel", "io.mountscope.plugin.faulty." + panel);
      service(out, "io.mountscope.plugin.api.Rule", "io.mountscope.plugin.faulty." + rule);
    }
    return jar;
  }

  /** The lever test plugin (src/test/java/io/mountscope/plugin/lever): one actuator, "lever-file". */
  static Path lever(Path dir) throws IOException {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(new Attributes.Name(PluginApi.NAME), "lever");
    a.put(new Attributes.Name(PluginApi.PLUGIN_VERSION), "0.0.1");
    a.put(new Attributes.Name(PluginApi.API), PluginApi.VERSION);
    Path jar = dir.resolve("lever.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      out.putNextEntry(new JarEntry("io/mountscope/plugin/lever/FileLever.class"));
      Files.copy(Path.of("target/test-classes/io/mountscope/plugin/lever/FileLever.class"), out);
      out.closeEntry();
      service(out, "io.mountscope.plugin.api.Actuator", "io.mountscope.plugin.lever.FileLever");
    }
    return jar;
  }

  /**
   * A test plugin {@code name} declaring API {@code api} whose recipe steps are the given classes of
   * src/test/java/io/mountscope/plugin/faulty (ThrowingStep, HangingStep, ClashingStep).
   */
  static Path steps(Path dir, String name, String api, String... classes) throws IOException {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(new Attributes.Name(PluginApi.NAME), name);
    a.put(new Attributes.Name(PluginApi.PLUGIN_VERSION), "0.0.1");
    a.put(new Attributes.Name(PluginApi.API), api);
    Path jar = dir.resolve(name + ".jar");
    StringBuilder services = new StringBuilder();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      for (String c : classes) {
        out.putNextEntry(new JarEntry("io/mountscope/plugin/faulty/" + c + ".class"));
        Files.copy(Path.of("target/test-classes/io/mountscope/plugin/faulty/" + c + ".class"), out);
        out.closeEntry();
        services.append("io.mountscope.plugin.faulty.").append(c).append('\n');
      }
      service(out, "io.mountscope.plugin.api.RecipeStep", services.toString().strip());
    }
    return jar;
  }

  private static void service(OutputStream out, String service, String impl) throws IOException {
    ((JarOutputStream) out).putNextEntry(new JarEntry("META-INF/services/" + service));
    out.write((impl + "\n").getBytes(StandardCharsets.UTF_8));
    ((JarOutputStream) out).closeEntry();
  }
}
