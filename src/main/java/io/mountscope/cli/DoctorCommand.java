package io.mountscope.cli;

import io.mountscope.doctor.CheckResult;
import io.mountscope.doctor.CheckResult.Status;
import io.mountscope.doctor.Doctor;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What works on this node, what is missing, and why: one line per capability. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check what mountscope can do on this node: privileges, tracing, kernel mount features,",
        "containerd, terminal. One line per capability: OK, WARN or FAIL, with how to fix it.",
        "Exit code 1 when any check FAILs."})
public final class DoctorCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print the checks as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() {
    List<CheckResult> results = Doctor.standard().run();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("checks", results);
      doc.put("ok", Doctor.count(results, Status.OK));
      doc.put("warn", Doctor.count(results, Status.WARN));
      doc.put("fail", Doctor.count(results, Status.FAIL));
      out.println(Json.pretty(doc));
    } else {
      int width = results.stream().mapToInt(r -> r.check().length()).max().orElse(10);
      for (CheckResult r : results) {
        out.printf("%-4s  %-" + width + "s  %s%n", r.status(), r.check(), r.detail());
        if (r.status() != Status.OK) {
          String pad = " ".repeat(width + 8);
          if (!r.impact().isEmpty()) {
            out.println(pad + "means: " + r.impact());
          }
          if (!r.fix().isEmpty()) {
            out.println(pad + "fix:   " + r.fix());
          }
        }
      }
      out.printf("%n%d ok, %d warn, %d fail%n", Doctor.count(results, Status.OK),
          Doctor.count(results, Status.WARN), Doctor.count(results, Status.FAIL));
    }
    out.flush();
    return Doctor.count(results, Status.FAIL) > 0 ? ExitCodes.FINDING : ExitCodes.OK;
  }
}
