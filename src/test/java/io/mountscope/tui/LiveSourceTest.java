package io.mountscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The live source: probes opened on its own thread, one Model per tick, probes closed when it stops. */
class LiveSourceTest {
  @Test
  void ticks_turn_samples_into_models_on_their_own_thread_and_close_the_probes_at_the_end() throws Exception {
    List<Sample> samples = StormRecording.samples(20);
    Iterator<Sample> recorded = samples.iterator();
    AtomicBoolean closed = new AtomicBoolean();
    List<String> openedOn = new ArrayList<>();
    LiveSource source = new LiveSource(() -> {
      openedOn.add(Thread.currentThread().getName());
      return new LiveSource.Probes() {
        @Override
        public Sample sample() {
          return recorded.next();
        }

        @Override
        public void close() {
          closed.set(true);
        }
      };
    }, Duration.ofMillis(20));
    Semaphore woken = new Semaphore(0);
    source.start(woken::release);
    assertThat(woken.tryAcquire(5, 5, TimeUnit.SECONDS)).isTrue();
    List<Model> models = source.poll(System.nanoTime()).models();
    assertThat(models.size()).isGreaterThanOrEqualTo(5);
    assertThat(models.get(0).mountActivity().totalRate()).as("no rates without a sample before").isZero();
    assertThat(models.get(1)).as("derived from the pair, as a replay would").isEqualTo(
        io.mountscope.diagnose.Diagnosis.derive(samples.get(1), samples.get(0)));
    assertThat(source.latest()).isNotNull();
    assertThat(openedOn).containsExactly("probe-ticks");
    source.close();
    assertThat(closed).isTrue();
    assertThat(source.live()).isTrue();
    assertThat(source.label()).isEqualTo("every 20ms");
  }
}
