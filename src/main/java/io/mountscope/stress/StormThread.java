package io.mountscope.stress;

import io.mountscope.kernel.UserNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * One thread of a storm: one container runtime making starts back to back, like one thread of
 * mount_storm_ref.c. It sets up its directories and its own user namespace (as containerd has one
 * per pod), warms up, then makes its measured starts. Everything it counts is its own until it
 * ends; the coordinator reads it after join().
 */
final class StormThread extends Thread {
  private final Storm storm;
  private final int index;
  private final StartPlan plan;
  final ThreadStats warmup = new ThreadStats();
  final ThreadStats measured = new ThreadStats();
  NativeProgram program;
  long endNanos;
  private boolean proven;

  StormThread(Storm storm, int index, StartPlan plan) {
    super("storm-" + index);
    this.storm = storm;
    this.index = index;
    this.plan = plan;
    setDaemon(true);
  }

  @Override
  public void run() {
    UserNamespace userns = null;
    try {
      for (String d : plan.directories()) {
        Files.createDirectories(Path.of(d));
      }
      if (plan.userns()) {
        userns = UserNamespace.create(100000, 65536);
      }
      program = new NativeProgram(plan, userns == null ? -1 : userns.fd());
      // After a failure elsewhere the gates open at once and stopped() is true.
      storm.setupDone.arriveAndAwaitAdvance();
      while (!storm.stopped() && System.nanoTime() - storm.warmupEnd < 0) {
        once(warmup, null);
      }
      storm.warmupDone.arriveAndAwaitAdvance();
      measure();
    } catch (Throwable e) {
      storm.fail(e);
    } finally {
      endNanos = System.nanoTime();
      if (userns != null) {
        userns.close();
      }
    }
  }

  private void measure() {
    long quota = storm.quota(index);
    long deadline = storm.deadline;
    Histogram latency = measured.latency;
    for (long k = 0; k < quota && !storm.stopped(); k++) {
      long t0 = System.nanoTime();
      if (t0 - deadline >= 0) {
        break;
      }
      once(measured, latency);
      storm.publish(index, measured.starts + measured.failedStarts);
    }
  }

  /** One start; the first start of a thread must succeed, or the storm stops with its error. */
  private void once(ThreadStats st, Histogram latency) {
    long t0 = System.nanoTime();
    boolean ok = program.start(st);
    long t1 = System.nanoTime();
    if (ok) {
      st.starts++;
      if (latency != null) {
        latency.recordValue(t1 - t0);
      }
    } else {
      st.failedStarts++;
      if (!proven) {
        boolean custom = plan.lines().get(Math.max(st.firstErrorStep, 0)) > 0;
        throw new StartFailure(program.describe(st.firstErrorStep), st.firstErrno, custom);
      }
    }
    proven = true;
  }
}
