package io.mountscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.tui.panel.PanelId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where panels go at the sizes people have: every cell of the body used, nothing overlapping. */
class LayoutTest {
  private static void tiles(Layout l) {
    int body = 0;
    for (Rect r : l.panels().values()) {
      body += r.w() * r.h();
      assertThat(r.x()).isGreaterThanOrEqualTo(0);
      assertThat(r.right()).isLessThanOrEqualTo(l.cols());
      assertThat(r.y()).isGreaterThanOrEqualTo(Layout.HEADER_ROWS);
      assertThat(r.bottom()).isLessThanOrEqualTo(l.rows() - 1);
    }
    assertThat(body).isEqualTo(l.cols() * (l.rows() - Layout.HEADER_ROWS - 1));
  }

  @Test
  void at_80x24_three_bands_of_two_and_at_200x60_two_bands_of_three() {
    Layout small = Layout.of(80, 24, null);
    tiles(small);
    assertThat(small.wide()).isFalse();
    Map<PanelId, Rect> p = small.panels();
    assertThat(p.get(PanelId.TOPOLOGY).y()).isEqualTo(p.get(PanelId.MOUNT_ACTIVITY).y());
    assertThat(p.get(PanelId.STARTUPS).bottom()).isEqualTo(23);
    Layout big = Layout.of(200, 60, null);
    tiles(big);
    assertThat(big.wide()).isTrue();
    assertThat(big.panels().get(PanelId.MOUNT_TABLE).y()).isEqualTo(big.panels().get(PanelId.TOPOLOGY).y());
    tiles(Layout.of(131, 37, null));
    tiles(Layout.of(133, 41, null));
  }

  @Test
  void zoom_gives_the_panel_the_whole_body() {
    Layout z = Layout.of(80, 24, PanelId.HOTSPOTS);
    assertThat(z.panels()).containsOnlyKeys(PanelId.HOTSPOTS);
    tiles(z);
  }

  @Test
  void arrows_move_to_the_neighbour_in_that_direction_or_stay() {
    Layout l = Layout.of(80, 24, null);
    assertThat(l.neighbour(PanelId.TOPOLOGY, Layout.Direction.RIGHT)).isEqualTo(PanelId.MOUNT_ACTIVITY);
    assertThat(l.neighbour(PanelId.TOPOLOGY, Layout.Direction.DOWN)).isEqualTo(PanelId.MOUNT_TABLE);
    assertThat(l.neighbour(PanelId.TOPOLOGY, Layout.Direction.UP)).isEqualTo(PanelId.TOPOLOGY);
    assertThat(l.neighbour(PanelId.DIAGNOSIS, Layout.Direction.UP)).isEqualTo(PanelId.HOTSPOTS);
    Layout w = Layout.of(200, 60, null);
    assertThat(w.neighbour(PanelId.MOUNT_ACTIVITY, Layout.Direction.DOWN)).isEqualTo(PanelId.STARTUPS);
  }
}
