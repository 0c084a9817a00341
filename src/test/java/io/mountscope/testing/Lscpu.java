package io.mountscope.testing;

import io.mountscope.probe.TopologyReader;
import io.mountscope.util.Fmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads captured `lscpu` and `numactl --hardware` output (the fixtures of real machines, or this
 * machine's live output): the summary lines, the first parsable (-p) block, and numactl's nodes.
 */
public final class Lscpu {
  private final Map<String, String> summary = new LinkedHashMap<>();
  private final List<TopologyReader.CpuPlace> places = new ArrayList<>();
  private final Map<Integer, List<Integer>> numactlCpus = new TreeMap<>();
  private final Map<Integer, Long> numactlMegabytes = new TreeMap<>();
  private final Map<Integer, List<Integer>> numactlDistances = new TreeMap<>();

  private Lscpu() {}

  public static Lscpu parse(String text) {
    Lscpu l = new Lscpu();
    boolean parsable = false;
    boolean parsableDone = false;
    boolean distances = false;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("# CPU,Core,Socket,Node")) {
        parsable = !parsableDone;
        continue;
      }
      if (parsable && (line.isEmpty() || line.startsWith("#"))) {
        parsableDone = parsableDone || !l.places.isEmpty();
        parsable = false;
        continue;
      }
      if (parsable) {
        String[] f = line.split(",", -1);
        l.places.add(new TopologyReader.CpuPlace(Integer.parseInt(f[0]), Integer.parseInt(f[2]), Integer.parseInt(f[1]),
            f[3].isEmpty() ? 0 : Integer.parseInt(f[3])));
        continue;
      }
      if (line.startsWith("node distances:")) {
        distances = true;
        continue;
      }
      if (distances && line.matches("\\d+:.*")) {
        String[] f = line.split("[:\\s]+");
        List<Integer> row = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
          row.add(Integer.parseInt(f[i]));
        }
        l.numactlDistances.put(Integer.parseInt(f[0]), row);
        continue;
      }
      if (line.matches("node \\d+ cpus:.*")) {
        String[] f = line.split("\\s+");
        List<Integer> cpus = new ArrayList<>();
        for (int i = 3; i < f.length; i++) {
          cpus.add(Integer.parseInt(f[i]));
        }
        l.numactlCpus.put(Integer.parseInt(f[1]), cpus);
        continue;
      }
      if (line.matches("node \\d+ size: \\d+ MB")) {
        String[] f = line.split("\\s+");
        l.numactlMegabytes.put(Integer.parseInt(f[1]), Long.parseLong(f[3]));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        l.summary.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return l;
  }

  /** A summary value such as "Socket(s)" (older lscpu says "CPU socket(s)"). */
  public String get(String key) {
    String v = summary.get(key);
    if (v == null && key.equals("Socket(s)")) {
      v = summary.get("CPU socket(s)");
    }
    return v == null ? "" : v;
  }

  public int number(String key) {
    return Integer.parseInt(get(key));
  }

  /** "NUMA nodeN CPU(s)" lines: node -> CPUs. */
  public Map<Integer, List<Integer>> nodeCpus() {
    Map<Integer, List<Integer>> m = new TreeMap<>();
    summary.forEach((k, v) -> {
      if (k.matches("NUMA node\\d+ CPU\\(s\\)")) {
        m.put(Integer.parseInt(k.replaceAll("\\D", "")), Fmt.parseCpuList(v));
      }
    });
    return m;
  }

  public List<TopologyReader.CpuPlace> places() {
    return places;
  }

  public Map<Integer, List<Integer>> numactlCpus() {
    return numactlCpus;
  }

  public Map<Integer, Long> numactlMegabytes() {
    return numactlMegabytes;
  }

  public Map<Integer, List<Integer>> numactlDistances() {
    return numactlDistances;
  }

  /** The CPU identity, with the microarchitecture from OSHI's table (and mountscope's newer parts). */
  public TopologyReader.CpuIdentity identity() {
    return TopologyReader.identity(get("Vendor ID"), get("Model name"), get("CPU family"), get("Model"), get("Stepping"));
  }
}
