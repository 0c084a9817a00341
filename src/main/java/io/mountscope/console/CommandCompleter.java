package io.mountscope.console;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion from the picocli tree: command and subcommand names, the options of the command
 * being typed (those not given yet), and option and parameter values from {@link ValueSources}.
 */
final class CommandCompleter implements Completer {
  private final CommandSpec root;

  CommandCompleter(CommandSpec root) {
    this.root = root;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    candidates.addAll(complete(line.words(), line.wordIndex(), line.word().substring(0, line.wordCursor())));
  }

  /** Candidates for word {@code index} of {@code words}, of which {@code typed} is before the cursor. */
  List<Candidate> complete(List<String> words, int index, String typed) {
    List<Candidate> out = new java.util.ArrayList<>();
    List<String> before = words.subList(0, Math.min(index, words.size()));
    CommandTree.Position pos = CommandTree.walk(root, before);
    CommandSpec cmd = pos.command();
    if (pos.pending() != null) {
      values(cmd, pos.pending(), words, "", typed, out);
      return out;
    }
    if (typed.startsWith("-") && cmd != root) {
      int eq = typed.indexOf('=');
      OptionSpec o = eq > 0 ? cmd.findOption(typed.substring(0, eq)) : null;
      if (o != null && o.arity().max() > 0) {
        values(cmd, o, words, typed.substring(0, eq + 1), typed.substring(eq + 1), out);
      } else if (eq < 0) {
        options(pos, out);
      }
      return out;
    }
    if (pos.positional() == 0) {
      CommandTree.visibleSubcommands(cmd).forEach((name, spec) -> out.add(new Candidate(name, name,
          cmd == root ? "commands" : null, blankToNull(CommandTree.firstLine(spec.usageMessage().description())), null, null, true)));
    }
    ArgSpec positional = pos.nextPositional();
    if (positional != null) {
      values(cmd, positional, words, "", typed, out);
    }
    return out;
  }

  private static void options(CommandTree.Position pos, List<Candidate> out) {
    for (OptionSpec o : pos.command().options()) {
      if (o.hidden() || pos.used().contains(o) && !o.isMultiValue()) {
        continue;
      }
      String key = o.longestName();
      String descr = blankToNull(CommandTree.firstLine(o.description()));
      for (String name : o.names()) {
        String display = o.arity().max() > 0 ? name + " " + o.paramLabel() : name;
        out.add(new Candidate(name, display, "options", descr, null, key, true));
      }
    }
  }

  private static void values(CommandSpec cmd, ArgSpec arg, List<String> words, String prefix, String typed, List<Candidate> out) {
    ValueSources.Source source = ValueSources.sourceFor(cmd, arg, words);
    if (source == null) {
      return;
    }
    for (Candidate c : source.candidates(new ValueSources.Arg(cmd, arg, words), typed)) {
      out.add(prefix.isEmpty() ? c
          : new Candidate(prefix + c.value(), c.displ(), c.group(), c.descr(), c.suffix(), c.key(), c.complete()));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
