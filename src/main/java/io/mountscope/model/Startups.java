package io.mountscope.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Container starts in flight on the node, each with its age and stuck level, and how the finished
 * ones went: counts, latency distribution, rate. Derived from a {@link StartupsSample} and the
 * sample time; field names are the JSON contract (docs/json.md).
 */
public record Startups(
    String source,
    ContainerdStatus containerd,
    List<InFlight> inFlight,
    Stuck stuck,
    long completed,
    long failed,
    long unknown,
    double completedPerSecond,
    StartupsSample.Latency latency,
    List<StartupsSample.Finished> recent,
    Thresholds thresholds) {

  public static final String OK = "ok";
  public static final String WARNING = "warning";
  public static final String CRITICAL = "critical";

  /** A container start that has not finished yet; {@code stuck} is ok, warning or critical. */
  public record InFlight(String id, String namespace, String image, Integer layers, long ageMillis, String state,
      Boolean userns, Long mountSyscalls, String snapshotter, String stuck, List<Integer> pids) {}

  /** How many starts in flight are past the warning and the critical threshold. */
  public record Stuck(int warning, int critical) {}

  /** Ages after which a start counts as stuck. */
  public record Thresholds(long warningMillis, long criticalMillis) {}

  /** Ages at {@code timeMillis}, stuck levels, and the completion rate against {@code before}. */
  public static Startups derive(StartupsSample now, StartupsSample before, long timeMillis, double seconds) {
    if (now == null) {
      return null;
    }
    List<InFlight> flights = new ArrayList<>();
    int warning = 0;
    int critical = 0;
    for (StartupsSample.Start s : now.inFlight()) {
      long age = Math.max(0, timeMillis - s.startedMillis());
      String level = age >= now.criticalMillis() ? CRITICAL : age >= now.warningMillis() ? WARNING : OK;
      if (level.equals(CRITICAL)) {
        critical++;
      } else if (level.equals(WARNING)) {
        warning++;
      }
      flights.add(new InFlight(s.id(), s.namespace(), s.image(), s.layers(), age, s.state(), s.userns(),
          s.mountSyscalls(), s.snapshotter(), level, s.pids()));
    }
    flights.sort((a, b) -> Long.compare(b.ageMillis(), a.ageMillis()));
    double rate = before == null || seconds <= 0 ? 0 : Math.max(0, now.completed() - before.completed()) / seconds;
    return new Startups(now.source(), now.containerd(), flights, new Stuck(warning, critical), now.completed(),
        now.failed(), now.unknown(), rate, now.latency(), now.recent(),
        new Thresholds(now.warningMillis(), now.criticalMillis()));
  }
}
