package io.mountscope.console;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jline.reader.Candidate;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the values of an option or positional parameter come from when Tab is pressed. Commands do
 * not register with the console: the first rule that matches the parameter decides, so a new
 * command gets value completion by declaring {@code completionCandidates} (or an enum type), or by
 * naming its parameter as these rules expect (paramLabel RECIPE, PATTERN, PID, SYSCTL, TOPIC,
 * FILE...; see docs/console.md).
 */
final class ValueSources {
  private ValueSources() {}

  /** The option or positional parameter being completed, in its command, with the words typed so far. */
  record Arg(CommandSpec command, ArgSpec spec, List<String> words) {
    /** The parameter label without decoration, upper case: "<file>" -> "FILE". */
    String label() {
      return spec.paramLabel().replaceAll("[<>\\[\\].]", "").toUpperCase(Locale.ROOT);
    }

    List<String> names() {
      return spec instanceof OptionSpec o ? Arrays.asList(o.names()) : List.of();
    }

    boolean named(String... candidates) {
      return names().stream().anyMatch(n -> Arrays.asList(candidates).contains(n));
    }

    boolean labelled(String... candidates) {
      String l = label();
      return Arrays.stream(candidates).anyMatch(l::equals);
    }

    boolean commandHasOption(String name) {
      return command.findOption(name) != null;
    }

    /** The value typed for another option of the same line, e.g. --containerd ADDR; null if none. */
    String valueOf(String option) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (w.equals(option) && i + 1 < words.size()) {
          return words.get(i + 1);
        }
        if (w.startsWith(option + "=")) {
          return w.substring(option.length() + 1);
        }
      }
      return null;
    }
  }

  /** Candidates for the value being typed ({@code typed} is what is there so far). */
  interface Source {
    List<Candidate> candidates(Arg arg, String typed);
  }

  private record Rule(String name, Predicate<Arg> applies, Source source) {}

  /** First match wins. The names are what docs/console.md lists. */
  private static final List<Rule> RULES = List.of(
      new Rule("declared", a -> a.spec().completionCandidates() != null, ValueSources::declared),
      new Rule("topic", a -> a.labelled("TOPIC"), (a, t) -> Candidates.topics()),
      new Rule("recipe", a -> a.labelled("RECIPE") || a.named("--recipe")
          || a.labelled("NAME") && a.command().qualifiedName().contains("recipe"), (a, t) -> Candidates.recipes()),
      new Rule("scenario", a -> a.labelled("SCENARIO"), (a, t) -> Candidates.scenarios()),
      new Rule("pattern", a -> a.labelled("PATTERN") || a.named("--pattern"), (a, t) -> Candidates.patterns()),
      new Rule("pid", a -> a.labelled("PID", "PIDS") || a.named("--pid", "--pids"), (a, t) -> Candidates.pids()),
      new Rule("sysctl", a -> a.labelled("SYSCTL", "KEY") || a.named("--sysctl"), (a, t) -> Candidates.sysctls()),
      new Rule("containerd-namespace", a -> (a.labelled("NS", "NAMESPACE") || a.named("--namespace", "-n"))
          && a.commandHasOption("--containerd"),
          (a, t) -> Candidates.containerdNamespaces(a.valueOf("--containerd"))),
      new Rule("file", ValueSources::isPath, (a, t) -> Candidates.files(t)));

  /** The source for a parameter, or null when its values cannot be guessed (numbers, free text). */
  static Source sourceFor(CommandSpec command, ArgSpec spec, List<String> words) {
    Arg arg = new Arg(command, spec, words);
    for (Rule r : RULES) {
      if (r.applies().test(arg)) {
        return r.source();
      }
    }
    return null;
  }

  /** Which rule applies, for tests and docs: "declared", "recipe", ... or "none". */
  static String ruleFor(CommandSpec command, ArgSpec spec) {
    Arg arg = new Arg(command, spec, List.of());
    return RULES.stream().filter(r -> r.applies().test(arg)).map(Rule::name).findFirst().orElse("none");
  }

  private static boolean isPath(Arg a) {
    Class<?> type = a.spec().type();
    if (type == File.class || type == Path.class) {
      return true;
    }
    String l = a.label();
    return l.equals("FILE") || l.equals("DIR") || l.equals("PATH") || l.equals("RUNBOOK") || l.endsWith("FILE")
        || l.startsWith("FILE") || l.equals("OUTPUT") || a.named("--file", "--from", "--output", "-o", "--report");
  }

  private static List<Candidate> declared(Arg a, String typed) {
    List<Candidate> out = new ArrayList<>();
    for (String v : a.spec().completionCandidates()) {
      out.add(new Candidate(v, v, null, null, null, null, true));
    }
    return out;
  }
}
