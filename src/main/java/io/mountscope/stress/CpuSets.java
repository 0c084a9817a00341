package io.mountscope.stress;

import com.sun.jna.Native;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CPU sets for storm placement: online CPUs, a NUMA node's CPUs, and pinning a thread to a set. */
public final class CpuSets {
  private static final Path SYS = Path.of("/sys/devices/system");

  private CpuSets() {}

  public static List<Integer> online() {
    return Procfs.read(SYS.resolve("cpu/online")).map(Fmt::parseCpuList)
        .orElseGet(() -> java.util.stream.IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList());
  }

  /** The CPUs of NUMA node {@code node}; a kernel without NUMA has one node 0 with every CPU. */
  public static List<Integer> ofNode(int node) {
    Path nodes = SYS.resolve("node");
    if (!Files.isDirectory(nodes) && node == 0) {
      return online();
    }
    return Procfs.read(nodes.resolve("node" + node + "/cpulist")).map(Fmt::parseCpuList).filter(l -> !l.isEmpty())
        .orElseThrow(() -> new InputException("--node " + node + ": no NUMA node " + node + " with CPUs here (nodes: "
            + String.join(", ", nodeIds(nodes)) + ")"));
  }

  private static List<String> nodeIds(Path nodes) {
    try (Stream<Path> s = Files.list(nodes)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("node\\d+")).map(n -> n.substring(4)).sorted().toList();
    } catch (IOException e) {
      return List.of("0");
    }
  }

  /** The list itself, after checking that every CPU in it is online. */
  public static List<Integer> requireOnline(List<Integer> cpus, String option) {
    List<Integer> online = online();
    for (int c : cpus) {
      if (!online.contains(c)) {
        throw new InputException(option + ": CPU " + c + " is not online (online: " + Fmt.cpuList(online) + ")");
      }
    }
    if (cpus.isEmpty()) {
      throw new InputException(option + ": the CPU list is empty");
    }
    return cpus;
  }

  /** Pins the calling thread (and the threads it starts later) to {@code cpus}. */
  static void pinCurrentThread(List<Integer> cpus) {
    int max = cpus.stream().mapToInt(Integer::intValue).max().orElse(0);
    byte[] mask = new byte[(max / 64 + 1) * 8];
    for (int c : cpus) {
      mask[c / 8] |= (byte) (1 << (c % 8));
    }
    if (LibC.sched_setaffinity(0, mask.length, mask) < 0) {
      throw new SyscallException("sched_setaffinity", Fmt.cpuList(cpus), Native.getLastError());
    }
  }
}
