package io.mountscope.probe.perf;

import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.Tracefs;
import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.kernel.perf.PerfAccess;
import io.mountscope.kernel.perf.PerfEvent;
import io.mountscope.kernel.perf.PerfEventAttr;
import io.mountscope.model.MountCounters;
import io.mountscope.util.UnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact mount-syscall counts: per CPU, one group of counting events on the syscalls:sys_enter_*
 * tracepoints of the mount calls, read with one read(2) per CPU per tick. A tracepoint counter
 * counts every hit and never multiplexes, so the sums are exact. Optionally attributes the calls
 * to processes ({@link MountAttribution}). Counts start at zero when the collector starts.
 */
public final class MountSyscallCounters implements AutoCloseable {
  /** The syscall kinds counted, in the order of the JSON keys. */
  public static final List<String> KINDS =
      List.of("mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsmount", "fsopen");
  static final String WHAT = "mount syscall counting";
  private static final Logger LOG = LoggerFactory.getLogger(MountSyscallCounters.class);

  private final List<String> kinds;
  private final List<Integer> cpus;
  private final int width;
  private final List<PerfEvent> leaders = new ArrayList<>();
  private final List<PerfEvent> all = new ArrayList<>();
  private final long[] values;
  private MountAttribution attribution;
  private boolean closed;

  private MountSyscallCounters(List<String> kinds, List<Integer> cpus) {
    this.kinds = kinds;
    this.cpus = cpus;
    this.width = cpus.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    this.values = new long[kinds.size()];
  }

  /**
   * Opens the counters on every online CPU (and the attribution when asked) and starts them, or
   * throws an {@link io.mountscope.util.UnavailableException} saying what is missing and how to fix it.
   */
  public static MountSyscallCounters start(boolean attribute) {
    // Neither the counters nor the attribution samples ask for raw tracepoint data.
    PerfAccess.require(WHAT, PerfAccess.CPU_WIDE);
    Path root = Tracefs.root();
    List<String> kinds = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (String k : KINDS) {
      if (Tracefs.hasEvent(root, "syscalls", "sys_enter_" + k)) {
        kinds.add(k);
        ids.add(Tracefs.format(root, "syscalls", "sys_enter_" + k, "").id());
      } else {
        LOG.info("no syscalls:sys_enter_{} tracepoint on this kernel: not counted", k);
      }
    }
    if (!kinds.contains("mount")) {
      throw new UnavailableException("this kernel has no syscalls:sys_enter_mount tracepoint (not in "
          + root.resolve("events/syscalls") + "), so mount syscalls cannot be counted",
          "use a kernel built with CONFIG_FTRACE_SYSCALLS");
    }
    MountSyscallCounters c = new MountSyscallCounters(List.copyOf(kinds), CpuRings.onlineCpus());
    try {
      c.open(ids);
      if (attribute) {
        c.attribution = new MountAttribution(c.cpus, c.kinds, ids);
        c.attribution.startPumping();
      }
      for (PerfEvent leader : c.leaders) {
        leader.enable(true);
      }
      return c;
    } catch (SyscallException e) {
      c.close();
      throw PerfAccess.explain(e, WHAT, PerfAccess.CPU_WIDE);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void open(List<Integer> ids) {
    for (int cpu : cpus) {
      PerfEvent leader = null;
      for (int i = 0; i < kinds.size(); i++) {
        PerfEventAttr a = PerfEventAttr.tracepoint(ids.get(i)).readFormat(PerfEventAttr.FORMAT_GROUP);
        if (leader == null) {
          a.set(PerfEventAttr.DISABLED);
        }
        PerfEvent e = PerfEvent.open(a, "syscalls:sys_enter_" + kinds.get(i), -1, cpu, leader);
        all.add(e);
        if (leader == null) {
          leader = e;
          leaders.add(e);
        }
      }
    }
  }

  /** The kinds this kernel has tracepoints for (all of {@link #KINDS} since 5.12). */
  public List<String> kinds() {
    return kinds;
  }

  /** Cumulative counts since start, per kind and CPU, and per process when attributing. */
  public synchronized MountCounters read() {
    Map<String, long[]> perCpu = new LinkedHashMap<>();
    for (String k : kinds) {
      perCpu.put(k, new long[width]);
    }
    for (int c = 0; c < cpus.size(); c++) {
      leaders.get(c).readGroup(values);
      for (int i = 0; i < kinds.size(); i++) {
        perCpu.get(kinds.get(i))[cpus.get(c)] = values[i];
      }
    }
    if (attribution == null) {
      return new MountCounters(Collections.unmodifiableMap(perCpu), List.of(), 0);
    }
    return new MountCounters(Collections.unmodifiableMap(perCpu), attribution.processes(), attribution.lostRecords());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (attribution != null) {
      attribution.close();
    }
    for (PerfEvent e : all) {
      e.close();
    }
  }
}
