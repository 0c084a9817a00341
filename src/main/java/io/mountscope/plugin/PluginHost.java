package io.mountscope.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import io.mountscope.plugin.api.Finding;
import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.Probe;
import io.mountscope.plugin.api.RuleInput;
import io.mountscope.probe.ProbeSet;
import io.mountscope.probe.ProbeSpec;
import io.mountscope.util.Dirs;
import io.mountscope.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of this process, loaded once on first use from {@link PluginDirs}, and the one
 * place their code is called from mountscope's own: probes go to the probe scheduler (time
 * budgets, stale parts), derivations and rules are called here with a time budget
 * ({@link Budgeted}), panels in the dashboard, with every Throwable caught; what they throw is
 * logged once per plugin and kind of call.
 */
public final class PluginHost {
  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  /** Starting a plugin's probe may connect somewhere: its first read gets at least this long. */
  private static final Duration FIRST_READ = Duration.ofSeconds(2);
  private static volatile PluginHost current;

  private final List<PluginEntry> entries;
  private final List<Plugin> plugins;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final Budgeted calls = new Budgeted("plugin-call", 250);

  PluginHost(PluginLoader.Result loaded) {
    this.entries = loaded.entries();
    this.plugins = loaded.plugins();
  }

  /** The plugins of this process, loaded on the first call. */
  public static PluginHost get() {
    PluginHost h = current;
    if (h == null) {
      synchronized (PluginHost.class) {
        h = current;
        if (h == null) {
          h = load(PluginDirs.dirs());
          current = h;
        }
      }
    }
    return h;
  }

  /** The plugins if they are loaded, without loading them: the live dashboard samples before they are. */
  public static Optional<PluginHost> loaded() {
    return Optional.ofNullable(current);
  }

  /** No plugins: what the live dashboard derives its Models with until the plugins are loaded. */
  public static PluginHost none() {
    return NONE;
  }

  private static final PluginHost NONE = new PluginHost(new PluginLoader.Result(List.of(), List.of()));

  /**
   * Loads the plugins on a thread of its own (if nothing has yet) and then runs {@code then} on
   * it, with the plugins or, when loading failed, no plugins (the log has why). The dashboard loads
   * them after its first frame, which they are not part of.
   */
  public static void loadInBackground(java.util.function.Consumer<PluginHost> then) {
    Thread t = new Thread(() -> {
      PluginHost h;
      try {
        h = get();
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("loading the plugins failed; the dashboard goes on without them", e);
        h = NONE;
      }
      then.accept(h);
    }, "plugins-load");
    t.setDaemon(true);
    t.start();
  }

  /** Loads the jars of {@code dirs} (ownership checks when this process is root). */
  public static PluginHost load(List<Path> dirs) {
    PluginHost h = new PluginHost(PluginLoader.load(dirs, Dirs.isRoot(), BuiltInCommands.names()));
    h.entries.forEach(e -> LOG.info("plugin {} {}: {}{}", e.name(), e.version(), e.state(),
        e.reason() == null ? "" : " (" + e.reason() + ")"));
    return h;
  }

  /** Every plugin jar found, loaded or refused. */
  public List<PluginEntry> entries() {
    return entries;
  }

  List<Plugin> plugins() {
    return plugins;
  }

  /** Adds each loaded plugin's probe, under the plugin's name. */
  public void addProbes(ProbeSet set) {
    for (Plugin p : plugins) {
      Probe probe = p.probe();
      if (probe == null) {
        continue;
      }
      Duration interval = safely(p, "interval", probe::interval, Duration.ZERO);
      Duration budget = safely(p, "budget", probe::budget, Duration.ofMillis(500));
      set.addPlugin(new ProbeSpec<>(p.name(), new PluginProbe(p), interval, budget,
          budget.compareTo(FIRST_READ) > 0 ? budget : FIRST_READ));
    }
  }

  /**
   * The plugins' parts of {@code model} as each loaded plugin derives them from the two Samples;
   * a part whose plugin is not loaded (or whose derivation fails) stays as recorded.
   */
  public Model derive(Model model, Sample now, Sample previous) {
    if (now.plugins() == null || now.plugins().isEmpty()) {
      return model;
    }
    double seconds = previous == null ? 0 : (now.monotonicNanos() - previous.monotonicNanos()) / 1e9;
    Map<String, JsonNode> out = new LinkedHashMap<>(now.plugins());
    for (Plugin p : plugins) {
      JsonNode raw = now.plugins().get(p.name());
      if (p.probe() == null || raw == null) {
        continue;
      }
      JsonNode before = previous == null || previous.plugins() == null ? null : previous.plugins().get(p.name());
      try {
        Map<String, Object> derived = calls.call(p.name() + " derive",
            () -> p.probe().derive(tree(raw), before == null ? null : tree(before), seconds));
        out.put(p.name(), Json.mapper().valueToTree(derived));
      } catch (Throwable e) { // plugin code: contained, the raw part is shown instead
        logOnce(p.name(), "derive", e);
      }
    }
    return model.withPlugins(java.util.Collections.unmodifiableMap(out));
  }

  /** The verdicts of the plugins' rules on {@code model}; {@code metric} reads a built-in metric by name. */
  public List<Verdict> verdicts(Model model, Function<String, Double> metric) {
    List<Verdict> out = new ArrayList<>();
    RuleInput input = new RuleInput() {
      @Override
      public Optional<Map<String, Object>> part(String plugin) {
        JsonNode n = model.plugins() == null ? null : model.plugins().get(plugin);
        return n == null || !n.isObject() ? Optional.empty() : Optional.of(tree(n));
      }

      @Override
      public Optional<Double> metric(String name) {
        return Optional.ofNullable(metric.apply(name));
      }
    };
    for (Plugin p : plugins) {
      for (io.mountscope.plugin.api.Rule r : p.rules()) {
        try {
          List<Finding> found = calls.call(p.name() + " rule " + r.getClass().getName(), () -> r.evaluate(input));
          for (Finding f : found == null ? List.<Finding>of() : found) {
            out.add(verdict(p, f));
          }
        } catch (Throwable e) { // plugin code
          logOnce(p.name(), "rule", e);
        }
      }
    }
    return out;
  }

  private static Verdict verdict(Plugin p, Finding f) {
    if (f.id() == null || !f.id().matches("[a-z][a-z0-9-]*") || f.title() == null) {
      throw new IllegalArgumentException("finding id '" + f.id() + "' is not lower-case words with dashes, or has no title");
    }
    Severity severity = Severity.valueOf(String.valueOf(f.severity()).toUpperCase(Locale.ROOT));
    return new Verdict(f.id(), severity, f.title(), f.evidence() == null ? List.of() : List.copyOf(f.evidence()),
        f.values() == null ? Map.of() : Map.copyOf(f.values()), List.of());
  }

  /** Adds the loaded plugins' actuators to a run's actuators (names taken by mountscope's own are skipped). */
  public void addActuators(io.mountscope.recipe.actuator.Actuators actuators) {
    PluginActuator.addTo(this, actuators);
  }

  /** The loaded plugins' recipe step kinds. */
  public io.mountscope.recipe.StepKinds stepKinds() {
    List<PluginStep> steps = new ArrayList<>();
    plugins.forEach(p -> steps.addAll(p.steps()));
    return new io.mountscope.recipe.StepKinds(steps);
  }

  /** A plugin's panel and the plugin it belongs to. */
  public record PanelSource(String plugin, Panel panel) {}

  /** Whether {@code plugin} is loaded with a probe (its part may just not have been read yet). */
  public boolean hasProbe(String plugin) {
    return plugins.stream().anyMatch(p -> p.name().equals(plugin) && p.probe() != null);
  }

  /** Every loaded plugin's panels, in load order. */
  public List<PanelSource> panels() {
    List<PanelSource> out = new ArrayList<>();
    plugins.forEach(p -> p.panels().forEach(panel -> out.add(new PanelSource(p.name(), panel))));
    return out;
  }

  /** A JSON tree as the maps and lists the API hands plugins. */
  public static Map<String, Object> tree(JsonNode node) {
    return node == null || !node.isObject() ? null : Json.mapper().convertValue(node, TREE);
  }

  /** Logs a plugin's failure with its stack trace, once per plugin, kind of call and message. */
  public void logOnce(String plugin, String call, Throwable e) {
    if (logged.add(plugin + "/" + call + "/" + (e instanceof Budgeted.Overran ? "overran" : e))) {
      LOG.warn("plugin {} failed in its {} (logged once)", plugin, call, e);
    }
  }

  private <T> T safely(Plugin p, String call, java.util.function.Supplier<T> get, T fallback) {
    try {
      T v = get.get();
      return v == null ? fallback : v;
    } catch (Throwable e) { // plugin code
      logOnce(p.name(), call, e);
      return fallback;
    }
  }
}
