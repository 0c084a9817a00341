package io.mountscope.console;

import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The manual at hand: what a metric, kernel symbol, lock family, verdict, recipe or sysctl means here. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain a metric, kernel symbol, lock family, verdict, recipe, sysctl or stress pattern:",
        "what it is, why it matters when container starts stall on the mount locks, what to do next.",
        "Without a topic, lists the topics."})
public final class ExplainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "TOPIC", description = "A topic or one of its aliases, e.g. namespace_sem.")
  String topic;

  @Option(names = "--json", description = "Print the topic (or the list) as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() {
    Knowledge k = Knowledge.builtIn();
    Map<String, String> recipeFiles = RecipeNames.list();
    PrintWriter out = spec.commandLine().getOut();
    int width = Math.max(40, spec.commandLine().getUsageHelpWidth());
    if (topic == null) {
      out.print(json ? Json.pretty(listing(k, recipeFiles)) + "\n" : TopicText.listing(k, recipeFiles, width));
    } else {
      Topic t = k.find(topic).orElseGet(() -> recipeTopic(topic, recipeFiles));
      if (t == null) {
        List<String> known = new ArrayList<>(k.names());
        known.addAll(recipeFiles.keySet());
        List<String> near = Nearest.to(topic, known, 4);
        throw new InputException("no topic '" + topic + "'"
            + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near))
            + " ('explain' lists them all)");
      }
      out.print(json ? Json.pretty(t) + "\n" : TopicText.render(t, width, Ansi.AUTO));
    }
    out.flush();
    return 0;
  }

  /** A recipe that exists only as a file on this install: its own description is all we know. */
  private static Topic recipeTopic(String name, Map<String, String> recipeFiles) {
    if (!recipeFiles.containsKey(name)) {
      return null;
    }
    String d = recipeFiles.get(name);
    return new Topic(name, Topic.Kind.RECIPE, null, List.of(),
        d.isEmpty() ? "Recipe '" + name + "' (from the recipes directory of this install)." : d,
        "It is one of the guided runbooks installed on this node.",
        "`mountscope recipe show " + name + "` shows its steps; `mountscope recipe run " + name + "` runs it.",
        List.of());
  }

  private static List<Map<String, String>> listing(Knowledge k, Map<String, String> recipeFiles) {
    List<Map<String, String>> all = new ArrayList<>();
    for (Topic t : k.topics()) {
      all.add(entry(t.name(), t.kind().json(), t.summary()));
    }
    recipeFiles.forEach((name, d) -> {
      if (k.find(name).isEmpty()) {
        all.add(entry(name, Topic.Kind.RECIPE.json(), d));
      }
    });
    return all;
  }

  private static Map<String, String> entry(String name, String kind, String summary) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind);
    m.put("summary", summary);
    return m;
  }
}
