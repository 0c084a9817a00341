package io.mountscope.training;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Sample;
import io.mountscope.probe.Sampler;
import io.mountscope.recipe.Facts;
import io.mountscope.stress.Namespace;
import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressEngine;
import io.mountscope.stress.StressParams;
import io.mountscope.stress.StressProgress;
import io.mountscope.stress.StressRun;
import io.mountscope.store.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * What a scenario puts on the node while its questions are asked, and the live data it is judged
 * by. A storm runs through the stress engine (a worker JVM in a private mount namespace that dies
 * with this process: nothing it mounts can outlive it) while a sampler takes one Model a second;
 * a recording is replayed at its own pace as the live data; with nothing staged the node is
 * sampled as it is. {@link #close()} ends all of it and waits for the storm's clean-up.
 */
public final class Staging implements AutoCloseable {
  private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(120);
  private final ArrayDeque<Reading> readings = new ArrayDeque<>();
  private final String describe;
  private volatile StressRun storm;
  private volatile StressProgress progress;
  private StressProgress attached;
  private volatile Reading.Storm shape;
  private volatile Throwable failure;
  private Thread feed;
  private long stormSince = -1;

  private Staging(String describe) {
    this.describe = describe;
  }

  /** Stages {@code s}'s incident and starts the feed; the caller waits with {@link #awaitReady}. */
  public static Staging start(Scenario s, Map<String, Object> facts) throws IOException {
    Scenario.Stage stage = s.doc().stage();
    if (stage != null && stage.replay() != null) {
      String what = stage.replay().text();
      Recording rec = what.equals("demo") ? Recording.demo()
          : Recording.open(Path.of(s.file()).toAbsolutePath().getParent().resolve(what));
      Staging st = new Staging("a replay of " + (what.equals("demo") ? "the bundled recording of a real storm" : what));
      st.feed(() -> st.replay(rec), "training-replay");
      return st;
    }
    if (stage == null || stage.storm() == null) {
      Staging st = new Staging("nothing: the node as it is");
      st.feed(st::sample, "training-sampler");
      return st;
    }
    Scenario.Storm def = stage.storm();
    Pattern pattern = Pattern.of(def.pattern().text());
    int layers = (int) number(def.layers(), 50, facts);
    int threads = (int) number(def.threads(), ((Long) facts.get("cpus")).intValue(), facts);
    double seconds = number(def.duration(), ScenarioFile.DEFAULT_STORM_SECONDS, facts);
    StressParams params = new StressParams(pattern, layers, threads, 0, seconds, 0.3, List.of(), Namespace.PRIVATE, null);
    Staging st = new Staging(String.format(java.util.Locale.US,
        "a storm of %s starts, %d layers, %d at once, in a private mount namespace (at most %s s)",
        pattern.cliName(), layers, threads, io.mountscope.recipe.Template.show(seconds)));
    StressRun run = StressEngine.start(StressEngine.prepare(params), p -> st.progress = p);
    st.storm = run;
    st.shape = new Reading.Storm(pattern.cliName(), layers, threads, -1, 0, 0);
    st.feed(st::sample, "training-sampler");
    return st;
  }

  private static double number(io.mountscope.recipe.Value v, double otherwise, Map<String, Object> facts) {
    if (v == null) {
      return otherwise;
    }
    Object x = v.template().isLiteral() ? io.mountscope.recipe.Type.NUMBER.parse(v.text()) : v.template().eval(facts::get);
    return ((Number) x).doubleValue();
  }

  /** One line: what is staged. */
  public String describe() {
    return describe;
  }

  private void feed(Runnable body, String name) {
    feed = new Thread(() -> {
      try {
        body.run();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Staging.class).error("the training feed failed", e);
        failure = e;
      }
    }, name);
    feed.setDaemon(true);
    feed.start();
  }

  private void sample() {
    try (Sampler sampler = new Sampler()) {
      Sample previous = null;
      while (!Thread.currentThread().isInterrupted()) {
        long t0 = System.nanoTime();
        Sample now = sampler.sample();
        add(new Reading(System.nanoTime(), Diagnosis.derive(now, previous), stormNow()));
        previous = now;
        long wait = TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - t0);
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
    }
  }

  /**
   * The storm at this tick. Its starts per second are counted between the worker's reports
   * attached to this reading and the last one, a window as long as the sampler's tick: the
   * worker's own rate covers its last 200 ms, which the sampler's tick itself slows down.
   */
  private Reading.Storm stormNow() {
    StressRun run = storm;
    StressProgress p = progress;
    Reading.Storm s = shape;
    if (run == null || s == null) {
      return null;
    }
    StressProgress was = attached;
    attached = p;
    boolean storming = p != null && p.phase().equals("storm") && !run.isDone() && was != null && was.phase().equals("storm")
        && p.elapsedSeconds() > was.elapsedSeconds();
    double rate = storming ? (p.starts() - was.starts()) / (p.elapsedSeconds() - was.elapsedSeconds()) : 0;
    return new Reading.Storm(s.pattern(), s.layers(), s.threads(), run.workerPid(), p == null ? 0 : p.starts(), rate);
  }

  /** The recording at its recorded pace, each Sample derived against the one before, as live. */
  private void replay(Recording rec) {
    try (rec) {
      List<Sample> samples = rec.samples();
      Sample previous = null;
      for (Sample s : samples) {
        if (previous != null) {
          long gap = Math.max(0, Math.min(5000, s.timeMillis() - previous.timeMillis()));
          Thread.sleep(gap);
        }
        add(new Reading(System.nanoTime(), Diagnosis.derive(s, previous), null));
        previous = s;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void add(Reading r) {
    synchronized (readings) {
      readings.addLast(r);
      while (readings.peekFirst().nanos() < r.nanos() - KEEP_NANOS) {
        readings.removeFirst();
      }
      if (stormSince < 0 && r.storm() != null && r.storm().startsPerSecond() > 0) {
        stormSince = r.nanos();
      }
      readings.notifyAll();
    }
  }

  /**
   * Waits until the data is worth asking about: two readings (rates need a pair), and with a storm
   * two taken while it was in full swing. Throws what stopped the storm or the feed.
   */
  public void awaitReady(long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    synchronized (readings) {
      while (true) {
        checkHealth();
        long ready = storm == null ? readings.size() : stormSince < 0 ? 0
            : readings.stream().filter(r -> r.nanos() >= stormSince).count();
        if (ready >= 2) {
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("the staged incident gave no live data within " + timeoutSeconds + " s");
        }
        TimeUnit.NANOSECONDS.timedWait(readings, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
  }

  /** Rethrows what ended the storm or the feed early. */
  public void checkHealth() {
    StressRun run = storm;
    if (run != null && run.isDone()) {
      try {
        run.await(0);
      } catch (RuntimeException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
  }

  /**
   * The readings taken since {@code nanos} (System.nanoTime), oldest first; when none came since
   * (a replay that reached its end stays on its last frame, as the dashboard does), the newest.
   */
  public List<Reading> since(long nanos) {
    synchronized (readings) {
      List<Reading> out = readings.stream().filter(r -> r.nanos() >= nanos).toList();
      return out.isEmpty() && !readings.isEmpty() ? List.of(readings.peekLast()) : out;
    }
  }

  /** The newest reading, or null. */
  public Reading latest() {
    synchronized (readings) {
      return readings.peekLast();
    }
  }

  /** The storm's worker pid, or -1 (no storm, or not started yet). */
  public long workerPid() {
    StressRun run = storm;
    return run == null ? -1 : run.workerPid();
  }

  /** Stops the feed and the storm, and waits for the storm's clean-up (its worker gone, its scratch removed). */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted(); // Ctrl-C brought us here: still wait for the clean-up
    Thread t = feed;
    if (t != null) {
      t.interrupt();
    }
    StressRun run = storm;
    if (run != null) {
      run.stop();
      try {
        run.await(15_000);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Staging.class).warn("the staged storm ended with {}", e.toString());
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (t != null) {
      try {
        t.join(5_000); // the sampler closes its probes on the way out
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static Map<String, Object> facts() {
    return Facts.read();
  }
}
