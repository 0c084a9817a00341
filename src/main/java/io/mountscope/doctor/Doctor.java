package io.mountscope.doctor;

import io.mountscope.doctor.CheckResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every check in order; a check that throws is reported as FAIL with its message. */
public final class Doctor {
  private static final Logger LOG = LoggerFactory.getLogger(Doctor.class);
  private final List<NamedCheck> checks = new ArrayList<>();

  /** A check and the name it reports under if it throws. */
  public record NamedCheck(String name, Supplier<CheckResult> check) {}

  public Doctor add(String name, Supplier<CheckResult> check) {
    checks.add(new NamedCheck(name, check));
    return this;
  }

  public List<CheckResult> run() {
    List<CheckResult> results = new ArrayList<>();
    for (NamedCheck c : checks) {
      try {
        results.add(c.check().get());
      } catch (RuntimeException e) {
        LOG.warn("doctor check {} threw", c.name(), e);
        results.add(CheckResult.fail(c.name(), "check failed: " + e.getMessage(), "unknown", "see the log file"));
      }
    }
    return results;
  }

  /** The standard set of node checks. */
  public static Doctor standard() {
    NodeChecks n = new NodeChecks();
    return new Doctor()
        .add("privileges", n::privileges)
        .add("kernel", n::kernelVersion)
        .add("perf_event_paranoid", n::perfParanoid)
        .add("perf_event_open", n::perfEventOpen)
        .add("tracefs", n::tracefs)
        .add("syscall tracepoints", n::syscallTracepoints)
        .add("lock tracepoints", n::lockTracepoints)
        .add("kallsyms", n::kallsyms)
        .add("new mount API", n::newMountApi)
        .add("user namespaces", n::userNamespaces)
        .add("idmapped overlay", n::idmappedOverlay)
        .add("fs.mount-max", n::mountMax)
        .add("containerd", n::containerd)
        .add("oshi", n::oshi)
        .add("terminal", new TerminalCheck()::check);
  }

  public static long count(List<CheckResult> results, Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
