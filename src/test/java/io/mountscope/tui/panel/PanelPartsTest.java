package io.mountscope.tui.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces panels are built of: number formats, sparklines, tables. */
class PanelPartsTest {
  @Test
  void numbers_are_short_and_exact_where_it_matters() {
    assertThat(Units.rate(0)).isEqualTo("0");
    assertThat(Units.rate(2.5)).isEqualTo("2.5");
    assertThat(Units.rate(940)).isEqualTo("940");
    assertThat(Units.rate(48_123)).isEqualTo("48k");
    assertThat(Units.count(99_999)).isEqualTo("99999");
    assertThat(Units.count(1_234_567)).isEqualTo("1.2M");
    assertThat(Units.share(0.004)).isEqualTo("0.4%");
    assertThat(Units.share(0.61)).isEqualTo("61%");
    assertThat(Units.millis(0.42)).isEqualTo("0.42ms");
    assertThat(Units.millis(31_000)).isEqualTo("31.0s");
    assertThat(Units.nanos(12_300)).isEqualTo("12us");
    assertThat(Units.age(302_000)).isEqualTo("5m02s");
    assertThat(Units.bytes(1_536)).isEqualTo("1.5K");
  }

  @Test
  void sparkline_keeps_a_one_second_burst_when_squeezed_and_scales_rates_from_zero() {
    double[] v = new double[60];
    v[30] = 100;
    String s = Spark.of(v, 10, Glyphs.UNICODE);
    assertThat(s).hasSize(10).contains("█").contains("▁");
    assertThat(Spark.of(new double[] {5, 5, 5}, 6, Glyphs.UNICODE)).isEqualTo("   ███");
    assertThat(Spark.level(new double[] {5, 5, 5}, 3, Glyphs.UNICODE)).as("a flat level is a low line").isEqualTo("▁▁▁");
    assertThat(Spark.of(new double[] {Double.NaN, 1}, 2, Glyphs.ASCII)).isEqualTo(" @");
  }

  record Row(String name, long n) {}

  @Test
  void tables_filter_sort_and_drop_columns_that_do_not_fit() {
    TableView<Row> t = new TableView<>(
        TableView.Column.text("name", Row::name),
        TableView.Column.number("count", 6, r -> Long.toString(r.n()), Comparator.comparingLong(Row::n)),
        TableView.Column.label("extra", 10, r -> "x"));
    List<Row> rows = List.of(new Row("containerd", 5), new Row("kubelet", 9), new Row("systemd", 1));
    TableState st = new TableState();
    assertThat(t.render(rows, 40, 10, st, Glyphs.UNICODE, true, true).get(0).text()).contains("extra");
    assertThat(t.render(rows, 20, 10, st, Glyphs.UNICODE, true, true).get(0).text()).doesNotContain("extra");
    st.nextSort(t.sortNames().size());
    st.nextSort(t.sortNames().size());
    List<Line> byCount = t.render(rows, 40, 10, st, Glyphs.UNICODE, true, true);
    assertThat(byCount.get(0).text()).contains("count▼");
    assertThat(byCount.get(1).text()).startsWith("kubelet");
    st.filter("D");
    assertThat(t.render(rows, 40, 10, st, Glyphs.UNICODE, true, true)).extracting(Line::text)
        .anyMatch(l -> l.startsWith("containerd")).anyMatch(l -> l.startsWith("systemd")).noneMatch(l -> l.startsWith("kubelet"));
    st.filter("");
    List<Line> cut = t.render(rows, 40, 3, st, Glyphs.UNICODE, true, true);
    assertThat(cut).hasSize(3);
    assertThat(cut.get(2).text()).isEqualTo("+2 more");
  }
}
