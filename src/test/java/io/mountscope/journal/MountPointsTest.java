package io.mountscope.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** recover finds journaled mount points in mountinfo, where the kernel escapes some characters. */
class MountPointsTest {
  @Test
  void spaces_tabs_newlines_and_backslashes_in_mount_points_are_unescaped() {
    assertThat(MountPoints.unescape("/run/a\\040b")).isEqualTo("/run/a b");
    assertThat(MountPoints.unescape("/x\\011y\\012z\\134w")).isEqualTo("/x\ty\nz\\w");
    assertThat(MountPoints.unescape("/plain/path")).isEqualTo("/plain/path");
    assertThat(MountPoints.unescape("/odd\\09")).isEqualTo("/odd\\09");
  }

  @Test
  void the_root_is_always_a_mount_point_of_this_namespace() {
    assertThat(MountPoints.on("/")).isPositive();
    assertThat(MountPoints.atOrBelow("/")).isGreaterThanOrEqualTo(MountPoints.on("/"));
    assertThat(MountPoints.on("/no/such/mount/point")).isZero();
  }
}
