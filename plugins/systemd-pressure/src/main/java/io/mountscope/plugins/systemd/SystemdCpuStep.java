package io.mountscope.plugins.systemd;

import io.mountscope.plugin.api.InvalidArgument;
import io.mountscope.plugin.api.Reading;
import io.mountscope.plugin.api.RecipeStep;
import io.mountscope.plugin.api.StepArgument;
import io.mountscope.plugin.api.StepArguments;
import io.mountscope.plugin.api.StepOutput;
import io.mountscope.plugin.api.StepRun;
import io.mountscope.plugin.api.Unavailable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recipe step {@code systemd-cpu}: systemd's CPU share over a window, one sample per quarter
 * second, and its mount units at the end, so a recipe can read systemd before and after a change
 * and compare. It only reads /proc. {@code pid} reads another process (systemd in a container).
 */
public final class SystemdCpuStep implements RecipeStep {
  static final double SLICE_SECONDS = 0.25;
  static final double MAX_SECONDS = 300;

  @Override
  public String kind() {
    return "systemd-cpu";
  }

  @Override
  public String describe() {
    return "systemd's CPU share (of one CPU) over a window, and its mount units";
  }

  @Override
  public List<StepArgument> arguments() {
    return List.of(
        StepArgument.optional("seconds", StepArgument.Type.NUMBER, "the window, 0.5 to 300 s (default 5)"),
        StepArgument.optional("pid", StepArgument.Type.INT, "the process to read (default 1, which must be systemd)"));
  }

  @Override
  public List<StepOutput> outputs() {
    return List.of(
        new StepOutput("share", "CPUs", "CPU time over the window, as a share of one CPU (one sample per 0.25 s)"),
        new StepOutput("peak", "CPUs", "the highest share of a 0.25 s slice"),
        new StepOutput("mount-units", "mounts", "lines of its mountinfo at the end: the .mount units systemd tracks"));
  }

  @Override
  public Duration budget() {
    return Duration.ofSeconds((long) MAX_SECONDS + 30);
  }

  @Override
  public void check(StepArguments args) {
    double seconds = args.number("seconds").orElse(5);
    if (seconds < 2 * SLICE_SECONDS || seconds > MAX_SECONDS) {
      throw new InvalidArgument("seconds", "must be between 0.5 and 300 (got " + fmt(seconds) + ")");
    }
    if (args.integer("pid").orElse(1) < 1) {
      throw new InvalidArgument("pid", "must be a process id, 1 or more");
    }
  }

  @Override
  public List<Reading> run(StepRun run) throws Exception {
    double seconds = run.arguments().number("seconds").orElse(5);
    long pid = run.arguments().integer("pid").orElse(1);
    ProcPid p = new ProcPid(pid);
    String comm;
    try {
      comm = p.comm();
    } catch (IOException e) {
      throw new Unavailable("no process " + pid);
    }
    if (pid == 1 && !comm.equals("systemd")) {
      throw new Unavailable("pid 1 is " + comm + ", not systemd (give pid: to read systemd elsewhere)");
    }
    run.say(String.format(Locale.ROOT, "reading pid %d (%s) for %s s", pid, comm, fmt(seconds)));
    int slices = (int) Math.round(seconds / SLICE_SECONDS);
    List<Double> shares = new ArrayList<>();
    long start = System.nanoTime();
    long lastNanos = start;
    long firstTicks = ticks(p, pid);
    long lastTicks = firstTicks;
    for (int i = 1; i <= slices && !run.cancelled(); i++) {
      long due = start + (long) (i * SLICE_SECONDS * 1e9);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      long now = System.nanoTime();
      long ticks = ticks(p, pid);
      shares.add((ticks - lastTicks) / ProcPid.TICKS_PER_SECOND / ((now - lastNanos) / 1e9));
      lastTicks = ticks;
      lastNanos = now;
    }
    // The whole window's ticks over its time: slices round to a tick (10 ms), the window far less.
    double mean = lastNanos == start ? 0 : (lastTicks - firstTicks) / ProcPid.TICKS_PER_SECOND / ((lastNanos - start) / 1e9);
    double peak = shares.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return List.of(new Reading("share", mean, shares), Reading.of("peak", peak),
        Reading.of("mount-units", p.mountinfoLines()));
  }

  private static long ticks(ProcPid p, long pid) throws Unavailable {
    try {
      return p.cpuTicks();
    } catch (IOException e) {
      throw new Unavailable("process " + pid + " ended during the window");
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
