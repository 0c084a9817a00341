package io.mountscope.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.builtins.Options.HelpException;
import org.jline.console.ArgDesc;
import org.jline.console.CmdDesc;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.widget.TailTipWidgets;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.shell.jline3.PicocliCommands;

/**
 * Help for the command being typed, as you type: JLine's tail tips (the parameters still to come,
 * greyed after the cursor) and, in the status bar's help lines, the command's synopsis and purpose
 * or the description of the option being typed. Descriptions come from the picocli annotations,
 * so every command has help without registering any.
 */
final class InlineHelp extends TailTipWidgets {
  private final StatusBar bar;

  InlineHelp(LineReader reader, CommandSpec root, StatusBar bar) {
    super(reader, line -> describe(root, line.getArgs()), StatusBar.HELP_LINES, TipType.TAIL_TIP);
    this.bar = bar;
    setDescriptionCache(false); // nested commands (bench startup) share their first word
  }

  @Override
  public void setDescription(List<AttributedString> desc) {
    if (bar != null) {
      bar.help(desc);
    }
  }

  @Override
  public void initDescription() {
    setDescription(List.of());
  }

  @Override
  public void destroyDescription() {
    setDescription(List.of());
  }

  /** The description of the deepest command the words name, or null when they name none yet. */
  static CmdDesc describe(CommandSpec root, List<String> words) {
    if (words == null || words.isEmpty()) {
      return null;
    }
    CommandTree.Position pos = CommandTree.walk(root, words);
    if (pos.path().isEmpty()) {
      return null;
    }
    CommandSpec spec = pos.command();
    List<AttributedString> main = new ArrayList<>();
    main.add(HelpException.highlightSyntax(synopsis(spec), HelpException.defaultStyle()));
    String purpose = CommandTree.firstLine(spec.usageMessage().description());
    if (!purpose.isEmpty()) {
      main.add(new AttributedString(purpose));
    }
    // Tail tips count the words after the first: the rest of the path, then the parameters to come.
    List<ArgDesc> args = new ArrayList<>();
    for (String p : pos.path().subList(1, pos.path().size())) {
      args.add(new ArgDesc(p));
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        List<AttributedString> d = new ArrayList<>();
        for (String line : p.description()) {
          d.add(new AttributedString(p.paramLabel() + ": " + line));
        }
        args.add(new ArgDesc(p.arity().min() == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel(), d));
      }
    }
    if (spec.positionalParameters().isEmpty() && !CommandTree.visibleSubcommands(spec).isEmpty()) {
      args.add(new ArgDesc("COMMAND", List.of(new AttributedString(
          "one of: " + String.join(", ", CommandTree.visibleSubcommands(spec).keySet())))));
    }
    Map<String, List<AttributedString>> options = new PicocliCommands(spec.commandLine()).commandDescription(List.of()).getOptsDesc();
    return new CmdDesc(main, args, options);
  }

  /** "snapshot [-hV] [--json] [--window=SECONDS]": picocli's synopsis without the program name. */
  static String synopsis(CommandSpec spec) {
    String s = AttributedString.stripAnsi(new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0)).strip();
    String root = spec.root().name() + " ";
    s = s.replaceAll("\\s+", " ");
    return s.startsWith(root) ? s.substring(root.length()) : s;
  }
}
