package io.mountscope.stress;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.Intent;
import io.mountscope.journal.UndoRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The mount-storm engine's API, used by {@code mountscope stress}, {@code bench stress} and
 * recipes: {@link #prepare} checks the parameters against the node (nothing is changed when it
 * throws), {@link #start} runs the storm in a worker process and returns a {@link StressRun}.
 * A host-namespace run is the caller's responsibility to confirm with the operator first; the
 * engine journals its mounts before the worker makes them and removes them on every exit path.
 */
public final class StressEngine {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private StressEngine() {}

  /** A checked storm: its parameters, scratch root, one plan per thread and the mount estimate. */
  public record Prepared(StressParams params, Layout layout, List<StartPlan> plans, Limits.Estimate estimate) {}

  /** Validates the parameters and refuses what the node cannot take (InputException, exit 2). */
  public static Prepared prepare(StressParams params) {
    params.validate();
    String base = params.namespace() == Namespace.HOST ? "/run" : "/tmp";
    Layout layout = new Layout(base + "/mountscope-stress." + ProcessHandle.current().pid() + "." + RUNS.getAndIncrement());
    List<StartPlan> plans = new ArrayList<>();
    for (int t = 0; t < params.threads(); t++) {
      plans.add(Patterns.plan(params, layout, t));
    }
    return new Prepared(params, layout, List.copyOf(plans), Limits.check(params, plans));
  }

  /** Starts a prepared storm; progress arrives on the run's own thread. */
  public static StressRun start(Prepared prepared, Consumer<StressProgress> onProgress) {
    String journalRun = null;
    ChangeJournal journal = null;
    if (prepared.params().namespace() == Namespace.HOST) {
      journal = ChangeJournal.open();
      journalRun = journal.newRun("stress");
      journal.record(journalRun, hostIntents(prepared));
    }
    WorkerRequest request = new WorkerRequest(prepared.params(), prepared.layout().root(), ProcessHandle.current().pid(),
        200, journal == null ? null : journal.file().toString(), journalRun);
    return StressRun.launch(request, journal, onProgress);
  }

  /** Prepares and runs a storm to its end. */
  public static StressResult run(StressParams params, Consumer<StressProgress> onProgress) throws InterruptedException {
    return start(prepare(params), onProgress).await();
  }

  /** What a host run will change, in the order it changes it: the directory, its tmpfs, each mount point. */
  static List<Intent> hostIntents(Prepared p) {
    String root = p.layout().root();
    List<Intent> intents = new ArrayList<>();
    intents.add(new Intent(UndoRegistry.DIRECTORY, root, "absent", "directory", "stress scratch directory"));
    intents.add(new Intent(UndoRegistry.MOUNT, root, "not a mount point", "tmpfs mountscope-stress (private)",
        "stress scratch tmpfs; every storm mount is beneath it"));
    Set<String> targets = new LinkedHashSet<>();
    for (StartPlan plan : p.plans()) {
      targets.addAll(plan.analyse().slotTargets());
    }
    for (String t : targets) {
      intents.add(new Intent(UndoRegistry.MOUNT, t, "not mounted", "mounted and unmounted by every start",
          p.params().pattern() + " storm mount point"));
    }
    return intents;
  }

  /** The worker's command line: this JVM's java and class path, the worker main class, C2 on. */
  private static final String SETSID = "/usr/bin/setsid";

  static List<String> workerCommand() {
    List<String> cmd = new ArrayList<>();
    // A session of its own: Ctrl-C at the terminal reaches the launcher, which stops the storm and
    // rolls back, and never the worker's JVM in the moment before it ignores SIGINT.
    // setsid (util-linux, essential on Debian) execs in place: same pid, same parent.
    if (Files.isExecutable(Path.of(SETSID))) {
      cmd.add(SETSID);
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Unlike the console's launcher (C1 only), the storm's hot loop wants the optimising compiler.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx512m", "-XX:-UsePerfData", "-Djava.awt.headless=true"));
    String home = System.getProperty("mountscope.home");
    if (home != null) {
      cmd.add("-Dmountscope.home=" + home);
    }
    String extra = System.getenv("MOUNTSCOPE_WORKER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
    return cmd;
  }
}
