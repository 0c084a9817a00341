package io.mountscope.plugin;

import io.mountscope.plugin.api.InvalidArgument;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.StepArgument;
import io.mountscope.plugin.api.StepArguments;
import io.mountscope.plugin.api.StepRun;
import io.mountscope.plugin.api.Unavailable;
import io.mountscope.recipe.StepKind;
import io.mountscope.recipe.Type;
import io.mountscope.util.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A plugin's recipe step as the engine sees one. Its declarations are read once at load time; its
 * check runs with a budget of 2 s; its run on a daemon thread of its own under the step's budget,
 * while the recipe's thread passes on what it says and watches for a cancel. A run that throws
 * fails the step with the plugin's message (the trace in the log), one that overruns is given up
 * (its thread left to end by itself), so the recipe rolls back and the console goes on.
 */
final class PluginStep implements StepKind {
  private static final Budgeted CHECKS = new Budgeted("plugin-step-check", 2000);
  private static final long POLL_MILLIS = 100;

  private static final java.util.Set<String> LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginStep.class);

  private final String plugin;
  private final RecipeStep step;
  private final String name;
  private final String description;
  private final List<Argument> arguments;
  private final List<Output> outputs;
  private final Duration budget;

  /** Reads the step's declarations; what the plugin got wrong there is an exception refusing the plugin. */
  PluginStep(String plugin, RecipeStep step) {
    this.plugin = plugin;
    this.step = step;
    this.name = step.kind();
    this.description = String.valueOf(step.describe());
    List<Argument> args = new ArrayList<>();
    for (StepArgument a : step.arguments()) {
      if (a.name() == null || !a.name().matches("[a-z][a-z0-9-]*") || a.name().equals("id") || a.name().equals("when")
          || a.type() == null) {
        throw new IllegalArgumentException("argument '" + a.name() + "' of step " + name
            + " is not a lower-case name with a type (id and when are the console's)");
      }
      args.add(new Argument(a.name(), Type.valueOf(a.type().name()), a.required(), String.valueOf(a.help())));
    }
    List<Output> outs = new ArrayList<>();
    for (io.mountscope.plugin.api.StepOutput o : step.outputs()) {
      if (o.name() == null || !o.name().matches("[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("output '" + o.name() + "' of step " + name + " is not a lower-case name");
      }
      outs.add(new Output(o.name(), o.unit() == null ? "" : o.unit(), String.valueOf(o.help())));
    }
    if (outs.isEmpty()) {
      throw new IllegalArgumentException("step " + name + " declares no outputs");
    }
    this.arguments = List.copyOf(args);
    this.outputs = List.copyOf(outs);
    Duration b = step.budget();
    this.budget = b == null || b.isNegative() || b.isZero() ? Duration.ofSeconds(60) : b;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String plugin() {
    return plugin;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<Argument> arguments() {
    return arguments;
  }

  @Override
  public List<Output> outputs() {
    return outputs;
  }

  @Override
  public void check(Map<String, Object> values, java.util.Set<String> given) {
    try {
      CHECKS.call(plugin + " check " + name, () -> {
        step.check(new Args(values, given));
        return null;
      });
    } catch (InvalidArgument e) {
      throw new Invalid(e.argument(), e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new Invalid(null, e.getMessage());
    } catch (Throwable e) { // plugin code: a broken check is the plugin's fault, said as such
      if (LOGGED.add(plugin + "/" + name + "/" + e)) {
        LOG.warn("the check of step {} of plugin {} failed (logged once)", name, plugin, e);
      }
      throw new Invalid(null, "the check of plugin " + plugin + " failed: " + PluginLoader.oneLine(e)
          + " (stack trace in the log)");
    }
  }

  @Override
  public List<Reading> run(String id, Map<String, Object> args, Map<String, Object> values, Consumer<String> say,
      BooleanSupplier cancelled) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    long deadline = System.nanoTime() + budget.toNanos();
    boolean[] overran = {false};
    StepRun context = new StepRun() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public StepArguments arguments() {
        return new Args(args, args.keySet());
      }

      @Override
      public Map<String, Object> values() {
        return values;
      }

      @Override
      public void say(String line) {
        lines.add(String.valueOf(line));
      }

      @Override
      public boolean cancelled() {
        return overran[0] || cancelled.getAsBoolean() || System.nanoTime() > deadline;
      }
    };
    FutureTask<List<io.mountscope.plugin.api.Reading>> task = new FutureTask<>(() -> step.run(context));
    Thread t = new Thread(task, "plugin-step-" + plugin + "-" + name);
    t.setDaemon(true);
    t.start();
    try {
      while (true) {
        try {
          List<io.mountscope.plugin.api.Reading> got = task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          drain(lines, say);
          return convert(got);
        } catch (TimeoutException e) {
          drain(lines, say);
          if (cancelled.getAsBoolean()) {
            task.cancel(true);
            throw new CancellationException("cancelled");
          }
          if (System.nanoTime() > deadline) {
            overran[0] = true;
            task.cancel(true);
            LOG.warn("step {} of plugin {} overran its budget of {}; its thread {} is left to end by itself", name,
                plugin, seconds(budget), t.getName());
            throw new IllegalStateException(name + " (plugin " + plugin + ") overran its budget of "
                + seconds(budget) + " and was given up");
          }
        }
      }
    } catch (InterruptedException e) {
      task.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      drain(lines, say);
      Throwable cause = e.getCause();
      if (cause instanceof Unavailable u) {
        throw new UnavailableException(name + " (plugin " + plugin + "): " + u.getMessage(), "");
      }
      LOG.warn("step {} of plugin {} failed", name, plugin, cause);
      throw new IllegalStateException(name + " (plugin " + plugin + ") failed: " + PluginLoader.oneLine(cause)
          + " (stack trace in the log)", cause);
    }
  }

  private static void drain(BlockingQueue<String> lines, Consumer<String> say) {
    for (String l = lines.poll(); l != null; l = lines.poll()) {
      say.accept(l);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private List<Reading> convert(List<io.mountscope.plugin.api.Reading> got) {
    if (got == null) {
      throw new IllegalStateException(name + " (plugin " + plugin + ") returned no readings");
    }
    List<Reading> out = new ArrayList<>();
    for (io.mountscope.plugin.api.Reading r : got) {
      out.add(new Reading(r.name(), r.value(), r.samples()));
    }
    return out;
  }

  /** Typed access to the values known, as the plugin declared the types. */
  private static final class Args implements StepArguments {
    private final Map<String, Object> values;
    private final java.util.Set<String> given;

    Args(Map<String, Object> values, java.util.Set<String> given) {
      this.values = values;
      this.given = given;
    }

    @Override
    public boolean given(String name) {
      return given.contains(name);
    }

    @Override
    public OptionalLong integer(String name) {
      return values.get(name) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    @Override
    public OptionalDouble number(String name) {
      return values.get(name) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    @Override
    public Optional<Boolean> bool(String name) {
      return values.get(name) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    @Override
    public Optional<String> text(String name) {
      Object v = values.get(name);
      return v == null ? Optional.empty() : Optional.of(io.mountscope.recipe.Template.show(v));
    }
  }
}
