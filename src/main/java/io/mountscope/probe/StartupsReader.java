package io.mountscope.probe;

import io.mountscope.model.MountCounters;
import io.mountscope.model.StartupsSample;
import io.mountscope.probe.startups.StartupsProbe;
import java.util.function.Supplier;

/**
 * The containerd startups probe as the scheduler runs it: started on the first read (it then
 * connects in the background and reports from the next tick), handed the newest mount counters
 * so each start's mount syscalls can be attributed (those of the previous tick: the two probes
 * read in parallel), closed with the sampler.
 */
final class StartupsReader implements Probe<StartupsSample> {
  private final StartupsProbe.Settings settings;
  private final Supplier<MountCounters> counters;
  private StartupsProbe probe;

  StartupsReader(StartupsProbe.Settings settings, Supplier<MountCounters> counters) {
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  public synchronized StartupsSample read() {
    if (probe == null) {
      probe = StartupsProbe.start(settings);
    }
    return probe.sample(counters.get());
  }

  @Override
  public synchronized void close() {
    if (probe != null) {
      probe.close();
      probe = null;
    }
  }
}
