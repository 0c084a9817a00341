package io.mountscope.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where sampled CPU time went in the kernel over the last tick (or since the sampler started, on
 * the first tick): top leaf symbols with their family, the share per family, the share of CPU
 * spent spinning on locks overall and per NUMA node, and the share of samples whose stack passes
 * through the mount-lock paths. Shares are of all samples taken (idle included), so they read as
 * shares of the machine's CPU time.
 */
public record Hotspots(
    double lockSpinShare,
    List<Symbol> top,
    double mountLockShare,
    List<FamilyShare> families,
    List<NodeSpin> perNode,
    long samples,
    long lostSamples) {

  /** How many symbols {@code top} lists at most. */
  public static final int TOP = 20;

  /** Shares over the samples taken since {@code before} (all samples when before is null or older than a restart). */
  public static Hotspots derive(HotspotSample now, HotspotSample before, Topology topology) {
    if (now == null) {
      return null;
    }
    boolean delta = before != null && before.totalSamples() <= now.totalSamples();
    long samples = now.totalSamples() - (delta ? before.totalSamples() : 0);
    Map<String, Long> bySymbol = new HashMap<>();
    Map<Integer, long[]> byNode = new java.util.TreeMap<>(); // node -> {samples, spinning}
    if (topology != null) {
      topology.numaNodes().forEach(n -> byNode.put(n.id(), new long[2]));
    }
    now.cpuSymbolSamples().forEach((cpu, symbols) -> {
      Map<String, Long> was = delta ? before.cpuSymbolSamples().getOrDefault(cpu, Map.of()) : Map.of();
      long[] node = byNode.computeIfAbsent(topology == null ? -1 : topology.nodeOf(cpu), k -> new long[2]);
      symbols.forEach((symbol, n) -> {
        long d = Math.max(0, n - was.getOrDefault(symbol, 0L));
        if (d > 0) {
          bySymbol.merge(symbol, d, Long::sum);
          node[0] += d;
          if (HotspotFamily.SPINNING.contains(HotspotFamily.of(symbol))) {
            node[1] += d;
          }
        }
      });
    });
    Map<HotspotFamily, Long> byFamily = new EnumMap<>(HotspotFamily.class);
    bySymbol.forEach((symbol, n) -> byFamily.merge(HotspotFamily.of(symbol), n, Long::sum));
    double total = Math.max(1, samples);
    List<Symbol> top = bySymbol.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .map(e -> new Symbol(e.getKey(), e.getValue() / total, HotspotFamily.of(e.getKey())))
        .toList();
    List<FamilyShare> families = new ArrayList<>();
    long spinning = 0;
    for (Map.Entry<HotspotFamily, Long> e : byFamily.entrySet()) {
      families.add(new FamilyShare(e.getKey(), e.getValue() / total));
      if (HotspotFamily.SPINNING.contains(e.getKey())) {
        spinning += e.getValue();
      }
    }
    families.sort((a, b) -> Double.compare(b.share(), a.share()));
    List<NodeSpin> perNode = new ArrayList<>();
    byNode.forEach((node, c) -> perNode.add(new NodeSpin(node, c[0], c[0] > 0 ? (double) c[1] / c[0] : 0)));
    long lost = now.lostSamples() - (delta ? before.lostSamples() : 0);
    return new Hotspots(spinning / total, top, mountLockStacks(now, delta ? before : null) / total,
        List.copyOf(families), List.copyOf(perNode), samples, Math.max(0, lost));
  }

  /** Samples (since {@code before}) whose folded stack has a mount-lock frame anywhere. */
  private static long mountLockStacks(HotspotSample now, HotspotSample before) {
    long n = 0;
    for (Map.Entry<String, Long> e : now.foldedStacks().entrySet()) {
      long d = e.getValue() - (before == null ? 0 : before.foldedStacks().getOrDefault(e.getKey(), 0L));
      if (d > 0 && hasMountLockFrame(e.getKey())) {
        n += d;
      }
    }
    return n;
  }

  private static boolean hasMountLockFrame(String folded) {
    int start = 0;
    while (start <= folded.length()) {
      int end = folded.indexOf(';', start);
      if (end < 0) {
        end = folded.length();
      }
      if (HotspotFamily.isMountLockFrame(folded.substring(start, end))) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** A kernel symbol with its share of samples and its family. */
  public record Symbol(String symbol, double share, HotspotFamily family) {}

  /** The share of samples whose leaf symbol is in one family. */
  public record FamilyShare(HotspotFamily family, double share) {}

  /** One NUMA node: samples taken on its CPUs and the share of them spinning on locks. */
  public record NodeSpin(int node, long samples, double lockSpinShare) {}
}
