package io.mountscope.probe.startups;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.containerd.CtrEvent;
import io.mountscope.model.StartupsSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** containerd's event sequence for a start (as "ctr run" produced it on the test node), and its failures. */
class StartTrackerTest {
  private final Outcomes outcomes = new Outcomes();
  private final List<String> announced = new ArrayList<>();
  private final StartTracker tracker = new StartTracker(outcomes, null, s -> announced.add(s.key()), e -> { });

  private void event(String time, String ns, String topic, String json) {
    tracker.apply(CtrEvent.parse("2026-11-26 " + time + " +0000 UTC " + ns + " " + topic + " " + json).orElseThrow());
  }

  @Test
  void a_start_is_in_flight_from_container_create_to_task_start() {
    event("14:38:40.752358735", "k8s.io", "/containers/create",
        "{\"id\":\"c1\",\"image\":\"example.com/app:1\",\"runtime\":{\"name\":\"io.containerd.runc.v2\"}}");
    assertThat(tracker.snapshot()).singleElement().satisfies(s -> {
      assertThat(s.state()).isEqualTo("creating");
      assertThat(s.image()).isEqualTo("example.com/app:1");
      assertThat(s.layers()).isNull();
    });
    assertThat(announced).containsExactly("k8s.io/c1");

    event("14:38:42.793427791", "k8s.io", "/tasks/create", "{\"container_id\":\"c1\",\"rootfs\":[{\"type\":\"overlay\","
        + "\"options\":[\"index=off\",\"uidmap=0:65536:65536\",\"gidmap=0:65536:65536\",\"lowerdir=/s/3/fs:/s/2/fs:/s/1/fs\"]}],"
        + "\"pid\":16315}");
    StartupsSample.Start created = tracker.snapshot().get(0);
    assertThat(created.state()).isEqualTo("created");
    assertThat(created.layers()).isEqualTo(3);
    assertThat(created.userns()).isTrue();

    event("14:38:42.852358735", "k8s.io", "/tasks/start", "{\"container_id\":\"c1\",\"pid\":16315}");
    assertThat(tracker.snapshot()).isEmpty();
    assertThat(outcomes.completedCount()).isEqualTo(1);
    assertThat(outcomes.latency().p50Millis()).isBetween(2099L, 2101L);
    assertThat(outcomes.recent()).singleElement().satisfies(f -> {
      assertThat(f.outcome()).isEqualTo("completed");
      assertThat(f.layers()).isEqualTo(3);
    });
  }

  @Test
  void a_container_deleted_before_its_task_started_is_a_failed_start() {
    event("10:00:00.0", "moby", "/containers/create", "{\"id\":\"c2\",\"image\":\"x:1\"}");
    event("10:00:01.5", "moby", "/containers/delete", "{\"id\":\"c2\"}");
    assertThat(tracker.snapshot()).isEmpty();
    assertThat(outcomes.failedCount()).isEqualTo(1);
    assertThat(outcomes.completedCount()).isZero();
    // the exit and delete that follow a normal start do not count again
    event("10:00:02.0", "moby", "/containers/create", "{\"id\":\"c3\",\"image\":\"x:1\"}");
    event("10:00:03.0", "moby", "/tasks/start", "{\"container_id\":\"c3\"}");
    event("10:00:04.0", "moby", "/tasks/exit", "{\"container_id\":\"c3\",\"id\":\"c3\"}");
    event("10:00:04.1", "moby", "/tasks/delete", "{\"container_id\":\"c3\"}");
    assertThat(outcomes.failedCount()).isEqualTo(1);
    assertThat(outcomes.completedCount()).isEqualTo(1);
  }

  @Test
  void a_namespace_filter_ignores_the_others() {
    StartTracker k8s = new StartTracker(outcomes, "k8s.io", s -> { }, e -> { });
    k8s.apply(CtrEvent.parse("2026-11-26 10:00:00 +0000 UTC moby /containers/create {\"id\":\"d1\"}").orElseThrow());
    k8s.apply(CtrEvent.parse("2026-11-26 10:00:00 +0000 UTC k8s.io /containers/create {\"id\":\"k1\"}").orElseThrow());
    assertThat(k8s.snapshot()).extracting(StartupsSample.Start::id).containsExactly("k1");
  }

  @Test
  void after_a_reconnect_starts_that_are_gone_count_as_unknown_and_found_ones_are_added() {
    event("10:00:00", "default", "/containers/create", "{\"id\":\"old\",\"image\":\"x:1\"}");
    tracker.newGeneration();
    StartTracker.Start found = new StartTracker.Start("default", "waiting");
    found.state = StartTracker.CREATED;
    found.startedMillis = 1;
    tracker.reconcile(List.of(found));
    assertThat(tracker.snapshot()).extracting(StartupsSample.Start::id).containsExactly("waiting");
    assertThat(outcomes.unknownCount()).isEqualTo(1);
    assertThat(announced).contains("default/waiting");
  }
}
