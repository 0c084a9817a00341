package io.mountscope.tui.panel;

/**
 * Sparklines: one column per sample, or per group of samples (their maximum, so a one-second
 * burst never disappears) when there are more samples than columns. Right-aligned while history
 * fills. Rates are scaled from zero; levels (a mount count, a read time) from their own minimum,
 * so that growth shows, and a flat level draws a flat low line.
 */
public final class Spark {
  private Spark() {}

  /** Scaled from zero to the maximum: for rates and shares. */
  public static String of(double[] values, int width, Glyphs g) {
    return of(values, width, g, true);
  }

  /** Scaled from the minimum to the maximum: for levels such as a count or a read time. */
  public static String level(double[] values, int width, Glyphs g) {
    return of(values, width, g, false);
  }

  private static String of(double[] values, int width, Glyphs g, boolean fromZero) {
    if (width <= 0) {
      return "";
    }
    int n = values.length;
    int cols = Math.min(width, n);
    double[] col = new double[cols];
    double max = fromZero ? 0 : Double.NEGATIVE_INFINITY;
    double min = fromZero ? 0 : Double.POSITIVE_INFINITY;
    for (int c = 0; c < cols; c++) {
      int from = (int) ((long) c * n / cols);
      int to = (int) ((long) (c + 1) * n / cols);
      double v = Double.NaN;
      for (int i = from; i < to; i++) {
        if (!Double.isNaN(values[i])) {
          v = Double.isNaN(v) ? values[i] : Math.max(v, values[i]);
        }
      }
      col[c] = v;
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
    }
    StringBuilder b = new StringBuilder(width);
    b.append(" ".repeat(width - cols));
    String levels = g.sparkLevels();
    int top = levels.length() - 1;
    for (double v : col) {
      if (Double.isNaN(v)) {
        b.append(' ');
      } else {
        double span = max - min;
        int level = span <= 0 ? 0 : (int) Math.round((v - min) / span * top);
        b.append(levels.charAt(Math.min(top, level)));
      }
    }
    return b.toString();
  }
}
