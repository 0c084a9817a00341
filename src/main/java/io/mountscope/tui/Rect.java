package io.mountscope.tui;

/** A rectangle of screen cells: column, row, width, height. */
record Rect(int x, int y, int w, int h) {
  int right() {
    return x + w;
  }

  int bottom() {
    return y + h;
  }

  int centerX() {
    return x + w / 2;
  }

  int centerY() {
    return y + h / 2;
  }
}
