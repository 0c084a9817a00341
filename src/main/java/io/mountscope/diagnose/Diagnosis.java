package io.mountscope.diagnose;

import io.mountscope.model.Model;
import io.mountscope.model.Sample;

/**
 * The one way views, exporters and commands turn Samples into Models: {@link Model#derive} plus
 * the verdicts of the diagnosis rules.
 */
public final class Diagnosis {
  private Diagnosis() {}

  /** The model of {@code now} against {@code previous} (may be null), with its verdicts. */
  public static Model derive(Sample now, Sample previous) {
    // The rules (diagnose/rules.yaml) land in the next commit; until then no verdicts.
    return Model.derive(now, previous);
  }
}
