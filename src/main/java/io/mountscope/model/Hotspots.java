package io.mountscope.model;

import java.util.List;

/** Where sampled CPU time goes in the kernel, and the share of it spent spinning on locks. */
public record Hotspots(double lockSpinShare, List<Symbol> top) {

  /** Top symbols by share of samples (families and spin share come with the probes issue). */
  public static Hotspots derive(HotspotSample now) {
    if (now == null || now.totalSamples() == 0) {
      return null;
    }
    java.util.Map<String, Long> bySymbol = new java.util.HashMap<>();
    now.cpuSymbolSamples().values().forEach(m -> m.forEach((sym, n) -> bySymbol.merge(sym, n, Long::sum)));
    List<Symbol> top = bySymbol.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(20)
        .map(e -> new Symbol(e.getKey(), (double) e.getValue() / now.totalSamples(), "other"))
        .toList();
    return new Hotspots(0, top);
  }

  /** A kernel symbol with its share of samples and its family (e.g. mount-lock, spinlock, rwsem). */
  public record Symbol(String symbol, double share, String family) {}
}
