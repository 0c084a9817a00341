package io.mountscope.plugin;

import io.mountscope.util.Dirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where plugin jars are looked for, in order: MOUNTSCOPE_PLUGINS (a ':'-separated list), the
 * install's plugins/ ({@code mountscope.home}; target/dist/plugins for a build) and
 * /etc/mountscope/plugins. Only existing directories.
 */
public final class PluginDirs {
  public static final Path ETC = Path.of("/etc/mountscope/plugins");

  private PluginDirs() {}

  public static List<Path> dirs() {
    List<Path> dirs = new ArrayList<>(Dirs.fromEnvironment("MOUNTSCOPE_PLUGINS"));
    String home = System.getProperty("mountscope.home");
    if (home != null && !home.isBlank()) {
      dirs.add(Path.of(home).toAbsolutePath().normalize().resolve("plugins"));
    }
    dirs.add(ETC);
    return dirs.stream().filter(Files::isDirectory).distinct().toList();
  }
}
