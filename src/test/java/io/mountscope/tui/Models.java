package io.mountscope.tui;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.model.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Models derived from recorded Samples exactly as the live source and a replay derive them. */
final class Models {
  private Models() {}

  static List<Model> derive(List<Sample> samples) {
    List<Model> out = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      out.add(Diagnosis.derive(samples.get(i), i == 0 ? null : samples.get(i - 1)));
    }
    return out;
  }

  /** The same model with other verdicts (the diagnosis is issue 4's; this tests how they show). */
  static Model withVerdicts(Model m, List<Verdict> verdicts) {
    return m.withVerdicts(verdicts);
  }
}
