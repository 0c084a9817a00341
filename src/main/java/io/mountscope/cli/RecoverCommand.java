package io.mountscope.cli;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.UndoOutcome;
import io.mountscope.journal.UndoRegistry;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mountscope recover}: roll back what interrupted runs left changed on the node. */
@Command(name = "recover", mixinStandardHelpOptions = true,
    description = {"Roll back the changes that interrupted runs (a killed storm, a crashed",
        "recipe) left on the node, newest first, as the change journal recorded them",
        "(docs/journal.md). Changes of a process that still runs are left to it.",
        "Exit code 1 when a change could not be rolled back."})
public final class RecoverCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dry-run", description = "Only list what would be rolled back.")
  boolean dryRun;

  @Option(names = "--json", description = "Print what was done as JSON (docs/json.md).")
  boolean json;

  /** One change as reported: what became of it and why. */
  record Line(String id, String kind, String target, String oldValue, String detail) {
    static Line of(JournalEntry.Change c, String detail) {
      return new Line(c.id(), c.kind(), c.target(), c.oldValue(), detail);
    }
  }

  @Override
  public Integer call() {
    ChangeJournal journal = ChangeJournal.open();
    List<JournalEntry.Change> orphaned = new ArrayList<>();
    List<Line> skipped = new ArrayList<>();
    for (JournalEntry.Change c : journal.pending()) {
      if (c.owner().alive()) {
        skipped.add(Line.of(c, "pid " + c.owner().pid() + " is still running and will undo it"));
      } else {
        orphaned.add(c);
      }
    }
    List<Line> undone = new ArrayList<>();
    List<Line> failed = new ArrayList<>();
    if (dryRun) {
      for (int i = orphaned.size() - 1; i >= 0; i--) {
        undone.add(Line.of(orphaned.get(i), "would restore: " + orphaned.get(i).oldValue()));
      }
    } else {
      for (UndoOutcome o : journal.rollBack(orphaned, UndoRegistry.standard())) {
        (o.undone() ? undone : failed).add(Line.of(o.change(), o.detail()));
      }
      journal.rotateIfSettled();
    }
    print(journal, undone, failed, skipped);
    return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FINDING;
  }

  private void print(ChangeJournal journal, List<Line> undone, List<Line> failed, List<Line> skipped) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("journal", journal.file().toString());
      doc.put("dryRun", dryRun);
      doc.put("undone", undone);
      doc.put("failed", failed);
      doc.put("skipped", skipped);
      out.println(Json.pretty(doc));
    } else if (undone.isEmpty() && failed.isEmpty() && skipped.isEmpty()) {
      out.println("nothing to recover: every change in " + journal.file() + " was undone or kept");
    } else {
      String verb = dryRun ? "would undo" : "undone";
      undone.forEach(l -> out.printf("%-10s %-10s %s  (%s)%n", verb, l.kind(), l.target(), l.detail()));
      failed.forEach(l -> out.printf("%-10s %-10s %s  (%s)%n", "FAILED", l.kind(), l.target(), l.detail()));
      skipped.forEach(l -> out.printf("%-10s %-10s %s  (%s)%n", "skipped", l.kind(), l.target(), l.detail()));
      out.printf("%d %s, %d failed, %d skipped (journal %s)%n", undone.size(), verb, failed.size(), skipped.size(),
          journal.file());
    }
    out.flush();
  }
}
