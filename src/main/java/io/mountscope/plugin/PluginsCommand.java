package io.mountscope.plugin;

import io.mountscope.plugin.api.PluginApi;
import io.mountscope.util.Dirs;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mountscope plugins}: every plugin jar found, loaded or refused and why; or the check of given jars. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = {"List plugins: name, version, API, what each adds, loaded or refused and why.",
        "With JAR arguments, checks those jars as the console would load them (exit 2 if one is refused)."})
public final class PluginsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print the list as JSON (field names in docs/json.md).")
  boolean json;

  @Parameters(paramLabel = "JAR", arity = "0..*", description = "Plugin jars to check instead of the installed ones.")
  List<Path> jars = List.of();

  /** The JSON document: the console's API version, the directories searched, one entry per jar. */
  public record Listing(String api, List<String> dirs, List<PluginEntry> plugins) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<PluginEntry> entries;
    List<String> dirs;
    if (jars.isEmpty()) {
      entries = PluginHost.get().entries();
      dirs = PluginDirs.dirs().stream().map(Path::toString).toList();
    } else {
      entries = check(jars);
      dirs = List.of();
    }
    if (json) {
      out.println(Json.pretty(new Listing(PluginApi.VERSION, dirs, entries)));
    } else {
      print(out, entries, dirs);
    }
    out.flush();
    if (!jars.isEmpty()) {
      Optional<PluginEntry> bad = entries.stream().filter(e -> !e.loaded()).findFirst();
      if (bad.isPresent()) {
        throw new InputException(bad.get().file() + ": " + bad.get().reason());
      }
    }
    return 0;
  }

  /** Each given jar through the loader's checks, each on its own (names may repeat here). */
  private static List<PluginEntry> check(List<Path> jars) {
    List<PluginEntry> out = new ArrayList<>();
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new InputException(jar + ": no such file");
      }
      Path abs = jar.toAbsolutePath().normalize();
      Optional<String> dir = Dirs.isRoot() ? Ownership.refusal(abs.getParent()) : Optional.empty();
      out.add(new PluginLoader(Dirs.isRoot(), BuiltInCommands.names()).loadJar(abs, dir));
    }
    return out;
  }

  private static void print(PrintWriter out, List<PluginEntry> entries, List<String> dirs) {
    if (entries.isEmpty()) {
      out.println("no plugins (searched: " + (dirs.isEmpty() ? "no plugin directory exists" : String.join(", ", dirs))
          + "; plugin API " + PluginApi.VERSION + ")");
      return;
    }
    String format = "%-18s %-9s %-5s %-8s %s%n";
    out.printf(format, "NAME", "VERSION", "API", "STATE", "ADDS");
    for (PluginEntry e : entries) {
      out.printf(format, e.name(), dash(e.version()), dash(e.api()), e.state(),
          e.adds().isEmpty() ? "-" : String.join(", ", e.adds()));
      out.println("  " + e.file());
      if (e.reason() != null) {
        out.println("  refused: " + e.reason());
      }
    }
    if (!dirs.isEmpty()) {
      out.println("searched: " + String.join(", ", dirs) + " (plugin API " + PluginApi.VERSION + ")");
    }
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

}
