package io.mountscope.recipe;

import io.mountscope.recipe.stats.Comparison;
import io.mountscope.recipe.stats.Effect;
import java.util.List;
import java.util.Map;

/**
 * Everything a recipe run did, for {@code --json} and {@code --report} (docs/json.md): the
 * parameters, every measurement with its latency histogram, every comparison with its
 * statistics and verdict, every change with its old and new value and what became of it, every
 * answer and where it came from, and the findings in words. Field names are a contract.
 */
public record RunReport(
    String recipe,
    String title,
    String file,
    String host,
    String kernel,
    String startedAt,
    String finishedAt,
    boolean dryRun,
    Map<String, String> parameters,
    String outcome,
    String reason,
    List<String> findings,
    List<Measurement> measurements,
    List<ReadingEntry> readings,
    List<Sweep> sweeps,
    List<ComparisonEntry> comparisons,
    List<Change> changes,
    List<AnswerEntry> answers,
    List<StepEntry> steps) {

  /** How a run ended. */
  public static final String COMPLETED = "completed";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";
  public static final String INTERRUPTED = "interrupted";
  public static final String DRY_RUN = "dry-run";

  /**
   * One workload run: what it ran ({@code settings}), how many operations (container starts, or
   * mountinfo reads), their latency percentiles in ms, the throughput per second, and the
   * HdrHistogram of every latency (nanoseconds, compressed, base64) for anyone who wants more.
   */
  public record Measurement(String id, String label, String workload, Map<String, Object> settings, long count,
      long failed, double seconds, double throughput, String throughputUnit, double p50Ms, double p95Ms, double p99Ms,
      double maxMs, Long tableSize, String histogram) {}

  /** A sweep: the variable, one point per value, the budget and the knee, the trend, first-against-last. */
  public record Sweep(String id, String label, String variable, String metric, List<Point> points, Double budgetMs,
      Long knee, boolean exceeded, Double slopeMsPerUnit, String comparison) {}

  /** One value of a sweep and its measurement. */
  public record Point(long value, String measurement, double metricMs, double throughput, boolean withinBudget) {}

  /**
   * Before against after, with the statistics behind the verdict: of latencies ({@code statistics};
   * {@code outputs} null), or of two runs of a plugin's step ({@code outputs}, one row per output;
   * {@code statistics} null).
   */
  public record ComparisonEntry(String id, String label, String before, String after, Effect verdict, String summary,
      Comparison statistics, List<OutputRow> outputs) {}

  /** One output of a plugin step's two runs: before, after, and after/before (null when before is 0 and after is not). */
  public record OutputRow(String name, String unit, double before, double after, Double ratio) {}

  /** One run of a plugin's step: which kind, from which plugin, how long it took, and its outputs. */
  public record ReadingEntry(String id, String step, String plugin, double seconds, List<Output> outputs) {}

  /** An output of a plugin step's run: its value (published as ID.NAME), unit, and the samples it summarises. */
  public record Output(String name, double value, String unit, List<Double> samples) {}

  /**
   * A change the recipe made or proposed. Status: applied (still in place), kept, rolled back,
   * declined, refused, unchanged (already the value), would apply (dry run), failed.
   */
  public record Change(String step, String actuator, String target, String oldValue, String newValue, String status,
      String journalId, String detail) {}

  /** A question and its answer: from the operator, an answers file, --yes, or the default. */
  public record AnswerEntry(String id, String question, String answer, String source) {}

  /** A step as run: its line, kind, id, and done / passed over (when) / skipped / failed / described (dry run). */
  public record StepEntry(int line, String kind, String id, String status) {}
}
