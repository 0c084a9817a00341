package io.mountscope.diagnose;

import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.model.Verdict;
import io.mountscope.plugin.PluginHost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one way views, exporters and commands turn Samples into Models: {@link Model#derive}, the
 * plugins' parts as their plugins derive them, and the verdicts of the built-in rules
 * (rules.yaml) and the plugins' rules.
 */
public final class Diagnosis {
  private Diagnosis() {}

  /** The model of {@code now} against {@code previous} (may be null), with its verdicts. */
  public static Model derive(Sample now, Sample previous) {
    return derive(now, previous, PluginHost.get());
  }

  /** The same with the given plugins (the live dashboard's, which load after its first frame). */
  public static Model derive(Sample now, Sample previous, PluginHost plugins) {
    Model m = plugins.derive(Model.derive(now, previous), now, previous);
    List<Verdict> verdicts = RuleSet.builtIn().evaluate(m);
    List<Verdict> more = plugins.verdicts(m, name -> Metrics.find(name).map(metric -> metric.number(m)).orElse(null));
    if (!more.isEmpty()) {
      verdicts = new ArrayList<>(verdicts);
      verdicts.addAll(more);
      verdicts.sort(Comparator.comparing(Verdict::severity).reversed());
    }
    return m.withVerdicts(verdicts);
  }
}
