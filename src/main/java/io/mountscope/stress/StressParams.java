package io.mountscope.stress;

import io.mountscope.util.InputException;
import java.util.List;
import java.util.Locale;

/**
 * What to storm: the pattern and its size, how long, where (threads' CPUs, mount namespace).
 * Exactly one of {@code starts} (total measured starts, split evenly over the threads) and
 * {@code durationSeconds} is positive. {@code cpus} empty means no pinning. {@code custom} is the
 * parsed YAML of a {@link Pattern#CUSTOM} pattern, null otherwise.
 */
public record StressParams(
    Pattern pattern,
    int layers,
    int threads,
    long starts,
    double durationSeconds,
    double warmupSeconds,
    List<Integer> cpus,
    Namespace namespace,
    CustomPattern custom) {

  public static final int MAX_LAYERS = 500; // overlayfs stacks at most 500 lower layers

  public StressParams {
    cpus = cpus == null ? List.of() : List.copyOf(cpus);
    namespace = namespace == null ? Namespace.PRIVATE : namespace;
  }

  /** A run of {@code starts} starts in a private namespace, no warm-up, no pinning. */
  public static StressParams of(Pattern pattern, int layers, int threads, long starts) {
    return new StressParams(pattern, layers, threads, starts, 0, 0, List.of(), Namespace.PRIVATE, null);
  }

  public StressParams withWarmup(double seconds) {
    return new StressParams(pattern, layers, threads, starts, durationSeconds, seconds, cpus, namespace, custom);
  }

  public StressParams withCpus(List<Integer> list) {
    return new StressParams(pattern, layers, threads, starts, durationSeconds, warmupSeconds, list, namespace, custom);
  }

  public StressParams withNamespace(Namespace ns) {
    return new StressParams(pattern, layers, threads, starts, durationSeconds, warmupSeconds, cpus, ns, custom);
  }

  /** Checks the parameters on their own (the node-dependent limits are in {@link Limits}). */
  public StressParams validate() {
    if (pattern == null) {
      throw new InputException("--pattern: missing; use one of " + Pattern.names());
    }
    if (layers < 1 || layers > MAX_LAYERS) {
      throw new InputException("--layers " + layers + ": must be 1 to " + MAX_LAYERS + " (overlayfs stacks at most "
          + MAX_LAYERS + " lower layers)");
    }
    if (threads < 1) {
      throw new InputException("--threads " + threads + ": must be at least 1");
    }
    if ((starts > 0) == (durationSeconds > 0)) {
      throw new InputException(starts < 0 || durationSeconds < 0 ? "--starts and --duration must be positive"
          : "give exactly one of --starts N and --duration SECONDS");
    }
    if (starts > 0 && starts < threads) {
      throw new InputException("--starts " + starts + ": fewer than the " + threads + " threads; every thread needs one");
    }
    if (durationSeconds > 24 * 3600 || warmupSeconds < 0 || warmupSeconds > 3600) {
      throw new InputException(String.format(Locale.US,
          "--duration %.1f / --warmup %.1f: the duration must be at most a day and the warm-up 0 to 3600 seconds",
          durationSeconds, warmupSeconds));
    }
    if ((pattern == Pattern.CUSTOM) != (custom != null)) {
      throw new InputException(pattern == Pattern.CUSTOM ? "--pattern custom needs --file FILE.yaml"
          : "--file is only for --pattern custom");
    }
    return this;
  }

  /** The measured starts thread {@code t} makes in a --starts run: the total split evenly. */
  public long startsOfThread(int t) {
    return starts / threads + (t < starts % threads ? 1 : 0);
  }
}
