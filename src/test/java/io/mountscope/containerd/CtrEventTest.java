package io.mountscope.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lines as ctr 1.6.20 printed them for a real "ctr run" (captured on this project's test node). */
class CtrEventTest {
  static final String TASK_CREATE = "2026-11-26 14:38:42.793427791 +0000 UTC testns /tasks/create "
      + "{\"container_id\":\"c1\",\"bundle\":\"/tmp/ms5exp/state/io.containerd.runtime.v2.task/testns/c1\",\"rootfs\":"
      + "[{\"type\":\"overlay\",\"source\":\"overlay\",\"options\":[\"index=off\",\"workdir=/r/snapshots/4/work\","
      + "\"upperdir=/r/snapshots/4/fs\",\"lowerdir=/r/snapshots/3/fs:/r/snapshots/2/fs:/r/snapshots/1/fs\"]}],"
      + "\"io\":{\"stdin\":\"/run/containerd/fifo/566167522/c1-stdin\"},\"pid\":16315}";

  @Test
  void a_task_create_line_gives_time_namespace_topic_and_payload() {
    CtrEvent e = CtrEvent.parse(TASK_CREATE).orElseThrow();
    assertThat(e.timeMillis()).isEqualTo(Instant.parse("2026-11-26T14:38:42.793Z").toEpochMilli());
    assertThat(e.namespace()).isEqualTo("testns");
    assertThat(e.topic()).isEqualTo("/tasks/create");
    assertThat(e.text("container_id")).isEqualTo("c1");
    assertThat(e.payload().get("rootfs").get(0).get("type").asText()).isEqualTo("overlay");
  }

  @Test
  void go_trims_trailing_zeros_of_the_fraction_and_may_print_none() {
    assertThat(CtrEvent.parse("2026-11-26 14:38:42.80237642 +0000 UTC k8s.io /tasks/exit {\"container_id\":\"c1\"}")
        .orElseThrow().timeMillis()).isEqualTo(Instant.parse("2026-11-26T14:38:42.802Z").toEpochMilli());
    assertThat(CtrEvent.parse("2026-11-26 14:38:42 +0000 UTC moby /containers/delete {\"id\":\"x\"}")
        .orElseThrow().namespace()).isEqualTo("moby");
  }

  @Test
  void anything_that_is_not_an_event_line_is_skipped() {
    assertThat(CtrEvent.parse("ctr: rpc error: code = Unavailable desc = transport is closing")).isEmpty();
    assertThat(CtrEvent.parse("")).isEmpty();
    assertThat(CtrEvent.parse("2026-11-26 14:38:42 +0000 UTC k8s.io /tasks/exit {broken")).isEmpty();
  }
}
