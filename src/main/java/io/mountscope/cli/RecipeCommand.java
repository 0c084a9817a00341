package io.mountscope.cli;

import io.mountscope.recipe.Recipe;
import io.mountscope.recipe.RecipeLibrary;
import io.mountscope.recipe.RecipeView;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mountscope recipe list | show NAME | run NAME}: guided, measured remediations. */
@Command(name = "recipe", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {RecipeCommand.ListCommand.class, RecipeCommand.ShowCommand.class, RecipeRunCommand.class},
    description = {"Guided runbooks that explain, measure, change one thing with your consent,",
        "measure again and say whether it helped; every change is journaled and rolled",
        "back unless you keep it (docs/recipes.md)."})
public final class RecipeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code recipe list}: every recipe with its title, or why it does not load. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "The recipes installed, with what each is for.")
  static final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (docs/json.md).")
    boolean json;

    @Override
    public Integer call() {
      RecipeLibrary lib = RecipeLibrary.installed();
      List<RecipeLibrary.Entry> entries = lib.list();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(new RecipeView.Listing(lib.dirs().stream().map(Object::toString).toList(),
            entries.stream().map(RecipeView.Item::of).toList())));
      } else if (entries.isEmpty()) {
        out.println("no recipes in " + lib.dirs());
      } else {
        int w = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (RecipeLibrary.Entry e : entries) {
          out.printf(Locale.US, "%-" + w + "s  %s%n", e.name(), e.error() == null ? e.title() : "BROKEN: " + e.error());
        }
        out.println();
        out.println("'mountscope recipe show NAME' explains one; 'mountscope recipe run NAME' runs it.");
      }
      out.flush();
      return entries.stream().anyMatch(e -> e.error() != null) ? 1 : 0;
    }
  }

  /** {@code recipe show NAME}: what it does, its parameters, its steps. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "A recipe's description, parameters and steps.")
  static final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A recipe name (see 'recipe list') or a path to a recipe file.")
    String name;

    @Option(names = "--json", description = "Print JSON (docs/json.md).")
    boolean json;

    @Override
    public Integer call() {
      Recipe r = RecipeLibrary.installed().load(name);
      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? Json.pretty(RecipeView.Shown.of(r)) : RecipeView.text(r));
      out.flush();
      return 0;
    }
  }
}
