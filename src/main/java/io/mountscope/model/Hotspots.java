package io.mountscope.model;

import java.util.List;

/** Where sampled CPU time goes in the kernel, and the share of it spent spinning on locks. */
public record Hotspots(double lockSpinShare, List<Symbol> top) {

  /** A kernel symbol with its share of samples and its family (e.g. mount-lock, spinlock, rwsem). */
  public record Symbol(String symbol, double share, String family) {}
}
