package io.mountscope.recipe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names each kind of step publishes for later steps, with their types: a measure's
 * percentiles, a sweep's knee, a comparison's verdict, an answer. Checked before the run and
 * filled in as it goes.
 */
public final class Outputs {
  private Outputs() {}

  /** {@code id.name -> type} for a step (empty for a step without id); a plugin step's outputs are numbers. */
  public static Map<String, Type> of(Step step, StepKinds kinds) {
    Map<String, Type> out = new LinkedHashMap<>();
    String id = step.id();
    if (id == null) {
      return out;
    }
    if (step instanceof Step.Measure) {
      for (String n : new String[] {"p50", "p95", "p99", "max", "rate"}) {
        out.put(id + "." + n, Type.NUMBER);
      }
      out.put(id + ".count", Type.INT);
    } else if (step instanceof Step.Sweep) {
      out.put(id + ".knee", Type.INT);
      out.put(id + ".exceeded", Type.BOOL);
      out.put(id + ".budget", Type.NUMBER);
      out.put(id + ".verdict", Type.STRING);
      out.put(id + ".first", Type.INT);
      out.put(id + ".last", Type.INT);
    } else if (step instanceof Step.Compare) {
      out.put(id + ".verdict", Type.STRING);
      out.put(id + ".ratio", Type.NUMBER);
    } else if (step instanceof Step.Trial) {
      out.put(id + ".verdict", Type.STRING);
      out.put(id + ".kept", Type.BOOL);
    } else if (step instanceof Step.Apply) {
      out.put(id + ".applied", Type.BOOL);
    } else if (step instanceof Step.Ask a) {
      Type t = a.type() == null ? null : Type.of(a.type().text());
      out.put(id, t == null ? Type.STRING : t);
    } else if (step instanceof Step.Inventory) {
      out.put(id + ".layers", Type.INT);
      out.put(id + ".median-layers", Type.INT);
      out.put(id + ".images", Type.INT);
      out.put(id + ".flatten", Type.INT);
      out.put(id + ".strategy", Type.STRING);
      out.put(id + ".pattern", Type.STRING);
      out.put(id + ".version", Type.STRING);
      out.put(id + ".source", Type.STRING);
    } else if (step instanceof Step.LeakedMounts) {
      out.put(id + ".count", Type.INT);
      out.put(id + ".removed", Type.INT);
    } else if (step instanceof Step.Plugin p) {
      kinds.find(p.kind()).ifPresent(k -> k.outputs().forEach(o -> out.put(id + "." + o.name(), Type.NUMBER)));
    }
    return out;
  }
}
