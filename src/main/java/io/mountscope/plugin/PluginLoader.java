package io.mountscope.plugin;

import io.mountscope.plugin.api.Actuator;
import io.mountscope.plugin.api.Command;
import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.Probe;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.Rule;
import io.mountscope.recipe.StepKinds;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugin jars in the plugin directories and loads each one that passes, in order: the
 * ownership check (as root), the manifest, the API version, a unique name, and its classes
 * (each jar in its own class loader that sees only the JDK and the API). Every jar becomes an
 * entry, loaded or refused with the reason; nothing here throws for a bad jar.
 */
public final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  /** The entries of every jar found, and the plugins that loaded. */
  public record Result(List<PluginEntry> entries, List<Plugin> plugins) {}

  private final boolean root;
  private final List<PluginEntry> entries = new ArrayList<>();
  private final List<Plugin> plugins = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Set<String> commandNames;
  /** Recipe step kinds taken so far, with the plugin that took each. */
  private final java.util.Map<String, String> stepKinds = new java.util.HashMap<>();

  /**
   * @param root whether to make root's ownership checks
   * @param reservedCommands command names a plugin command may not take (the built-in ones)
   */
  PluginLoader(boolean root, Set<String> reservedCommands) {
    this.root = root;
    this.commandNames = new HashSet<>(reservedCommands);
  }

  /** Loads every jar of {@code dirs}. */
  static Result load(List<Path> dirs, boolean root, Set<String> reservedCommands) {
    PluginLoader l = new PluginLoader(root, reservedCommands);
    dirs.forEach(l::loadDir);
    return new Result(List.copyOf(l.entries), List.copyOf(l.plugins));
  }

  private void loadDir(Path dir) {
    List<Path> jars;
    try (Stream<Path> s = Files.list(dir)) {
      jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      entries.add(PluginEntry.refused(dir.getFileName().toString(), null, null, dir.toString(), List.of(),
          "cannot list " + dir + ": " + e.getMessage()));
      return;
    }
    Optional<String> dirRefused = root ? Ownership.refusal(dir) : Optional.empty();
    if (dirRefused.isPresent() && jars.isEmpty()) {
      entries.add(PluginEntry.refused(dir.getFileName().toString(), null, null, dir.toString(), List.of(),
          dirRefused.get()));
    }
    for (Path jar : jars) {
      entries.add(loadJar(jar, dirRefused));
    }
  }

  /** The entry of one jar, loading it when it passes every check. */
  PluginEntry loadJar(Path file, Optional<String> dirRefused) {
    String base = file.getFileName().toString().replaceFirst("\\.jar$", "");
    if (dirRefused.isPresent()) {
      return PluginEntry.refused(base, null, null, file.toString(), List.of(), dirRefused.get());
    }
    Optional<String> refused = root ? Ownership.refusal(file) : Optional.empty();
    if (refused.isPresent()) {
      return PluginEntry.refused(base, null, null, file.toString(), List.of(), refused.get());
    }
    PluginJar jar;
    try {
      jar = PluginJar.read(file);
    } catch (PluginJar.BadPlugin e) {
      return PluginEntry.refused(base, null, null, file.toString(), List.of(), e.getMessage());
    }
    List<String> adds = jar.adds();
    Optional<String> api = ApiVersion.refusal(jar.api());
    if (api.isPresent()) {
      return PluginEntry.refused(jar.name(), jar.version(), jar.api(), file.toString(), adds, api.get());
    }
    if (!names.add(jar.name())) {
      return PluginEntry.refused(jar.name(), jar.version(), jar.api(), file.toString(), adds,
          "a plugin named " + jar.name() + " is already loaded (from an earlier directory)");
    }
    try {
      Plugin p = instantiate(jar, adds);
      plugins.add(p);
      return p.entry();
    } catch (Throwable e) { // a plugin's static initialiser may throw anything, and must not stop the console
      names.remove(jar.name());
      LOG.warn("plugin {} ({}) refused", jar.name(), file, e);
      String why = e instanceof StartFailure f ? f.getMessage() + ": " + oneLine(f.getCause())
          : e instanceof PluginJar.BadPlugin b ? b.getMessage() : "cannot load its classes: " + oneLine(e);
      return PluginEntry.refused(jar.name(), jar.version(), jar.api(), file.toString(), adds, why);
    }
  }

  private Plugin instantiate(PluginJar jar, List<String> adds) throws Exception {
    @SuppressWarnings("resource") // lives as long as the plugin: the rest of the process
    URLClassLoader loader = new URLClassLoader("plugin-" + jar.name(), new URL[] {jar.file().toUri().toURL()},
        new ApiOnlyClassLoader(PluginLoader.class.getClassLoader()));
    Context context = new Context(jar.name(), root);
    List<Probe> probes = instances(Probe.class, loader);
    if (probes.size() > 1) {
      throw new PluginJar.BadPlugin("declares " + probes.size() + " probes; a plugin adds at most one part");
    }
    List<Command> commands = instances(Command.class, loader);
    List<String> described = new ArrayList<>();
    for (String kind : adds) {
      described.add(kind);
    }
    for (Command c : commands) {
      if (!c.name().matches("[a-z][a-z0-9-]*") || !commandNames.add(c.name())) {
        throw new PluginJar.BadPlugin("its command '" + c.name() + "' is taken or not a lower-case name");
      }
      start(() -> c.init(context), "its command " + c.name() + " did not start");
      described.set(described.indexOf("command"), "command " + c.name());
    }
    List<Actuator> actuators = instances(Actuator.class, loader);
    for (Actuator a : actuators) {
      start(() -> a.init(context), "its actuator " + a.name() + " did not start");
      described.set(described.indexOf("actuator"), "actuator " + a.name());
    }
    List<PluginStep> steps = steps(jar, instances(RecipeStep.class, loader), context, described);
    PluginEntry entry = new PluginEntry(jar.name(), jar.version(), jar.api(), jar.file().toString(), described,
        PluginEntry.LOADED, null);
    steps.forEach(s -> stepKinds.put(s.name(), jar.name()));
    return new Plugin(entry, context, probes.isEmpty() ? null : probes.get(0), instances(Panel.class, loader),
        instances(Rule.class, loader), commands, actuators, steps);
  }

  /**
   * A plugin's recipe steps: API 1.1 or newer, a kind that is a lower-case name no built-in step and
   * no other plugin has, declarations the engine can check recipes against, an init that starts.
   */
  private List<PluginStep> steps(PluginJar jar, List<RecipeStep> found, Context context, List<String> described)
      throws Exception {
    if (!found.isEmpty() && ApiVersion.refusal(RecipeStep.SINCE, jar.api()).isPresent()) {
      throw new PluginJar.BadPlugin("adds a recipe step, which needs plugin API " + RecipeStep.SINCE + " (it declares "
          + jar.api() + ")");
    }
    Set<String> mine = new HashSet<>();
    List<PluginStep> out = new ArrayList<>();
    for (RecipeStep s : found) {
      String kind = s.kind();
      if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
        throw new PluginJar.BadPlugin("its recipe step '" + kind + "' is not a lower-case name");
      }
      if (StepKinds.builtIn().contains(kind)) {
        throw new PluginJar.BadPlugin("its recipe step '" + kind + "' is taken by a built-in step");
      }
      if (stepKinds.containsKey(kind) || !mine.add(kind)) {
        throw new PluginJar.BadPlugin("its recipe step '" + kind + "' is taken by plugin "
            + stepKinds.getOrDefault(kind, jar.name()));
      }
      PluginStep step;
      try {
        step = new PluginStep(jar.name(), s);
      } catch (RuntimeException e) {
        throw new PluginJar.BadPlugin("its recipe step " + kind + " declares badly: " + oneLine(e));
      }
      start(() -> s.init(context), "its recipe step " + kind + " did not start");
      described.set(described.indexOf("step"), "step " + kind);
      out.add(step);
    }
    return out;
  }

  /** A plugin's init, which may fail for want of a setting: the refusal says which part. */
  private static void start(Init init, String what) throws StartFailure {
    try {
      init.run();
    } catch (Exception e) {
      throw new StartFailure(what, e);
    }
  }

  @FunctionalInterface
  private interface Init {
    void run() throws Exception;
  }

  /** An init that threw, named after the part that did not start. */
  private static final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartFailure(String what, Throwable cause) {
      super(what, cause);
    }
  }

  private static <T> List<T> instances(Class<T> service, ClassLoader loader) {
    List<T> out = new ArrayList<>();
    ServiceLoader.load(service, loader).forEach(out::add);
    return List.copyOf(out);
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
