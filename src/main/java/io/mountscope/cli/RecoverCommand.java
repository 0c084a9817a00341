package io.mountscope.cli;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.Recovery;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
        "(docs/journal.md): mounts, sysctls, SMT, CPU affinities. Changes of a process",
        "that still runs are left to it. Exit code 1 when a change could not be rolled back."})
public final class RecoverCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dry-run", description = "Only list what would be rolled back.")
  boolean dryRun;

  @Option(names = "--json", description = "Print what was done as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() {
    ChangeJournal journal = ChangeJournal.open();
    // Every kind a recipe actuator journals (sysctl, smt, cpu-affinity, umount) besides mount and directory.
    Recovery.Outcome o = Recovery.recover(journal, Actuators.standard().undoRegistry(), dryRun);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("journal", journal.file().toString());
      doc.put("dryRun", dryRun);
      doc.put("undone", o.undone());
      doc.put("failed", o.failed());
      doc.put("skipped", o.skipped());
      out.println(Json.pretty(doc));
    } else if (o.nothing()) {
      out.println("nothing to recover: every change in " + journal.file() + " was undone or kept");
    } else {
      String verb = dryRun ? "would undo" : "undone";
      o.undone().forEach(l -> out.printf("%-10s %-12s %s  (%s)%n", verb, l.kind(), l.target(), l.detail()));
      o.failed().forEach(l -> out.printf("%-10s %-12s %s  (%s)%n", "FAILED", l.kind(), l.target(), l.detail()));
      o.skipped().forEach(l -> out.printf("%-10s %-12s %s  (%s)%n", "skipped", l.kind(), l.target(), l.detail()));
      out.printf("%d %s, %d failed, %d skipped (journal %s)%n", o.undone().size(), verb, o.failed().size(),
          o.skipped().size(), journal.file());
    }
    out.flush();
    return o.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FINDING;
  }
}
