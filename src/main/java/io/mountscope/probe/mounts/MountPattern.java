package io.mountscope.probe.mounts;

/**
 * The shape of a mount point with its ids wildcarded, so that 80,000 mounts collapse into the few
 * places that made them: /run/containerd/io.containerd.runtime.v2.task/k8s.io/STAR/rootfs and so on.
 * Hand-written rather than regular expressions: it runs once per mount of a huge table.
 */
public final class MountPattern {
  /** A hex segment this long (with a digit in it) is an id: container ids, digests, UUID parts. */
  static final int MIN_HEX_ID = 8;

  private MountPattern() {}

  /** The mount point with id-like parts replaced by "*" and at most {@code depth} directories kept. */
  public static String of(String mountPoint, int depth) {
    StringBuilder b = new StringBuilder(Math.min(mountPoint.length(), 160));
    int kept = 0;
    int i = 0;
    int n = mountPoint.length();
    while (i < n) {
      while (i < n && mountPoint.charAt(i) == '/') {
        i++;
      }
      if (i == n) {
        break;
      }
      if (kept == depth) {
        b.append("/...");
        break;
      }
      int end = mountPoint.indexOf('/', i);
      if (end < 0) {
        end = n;
      }
      b.append('/');
      component(mountPoint, i, end, b);
      kept++;
      i = end;
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  /** Appends one path component, its id-like segments (split at - _ .) wildcarded and runs of "*" merged. */
  private static void component(String s, int from, int to, StringBuilder b) {
    int start = b.length();
    int i = from;
    while (i < to) {
      int end = i;
      while (end < to && !isSeparator(s.charAt(end))) {
        end++;
      }
      segment(s, i, end, b);
      if (end < to) {
        b.append(s.charAt(end));
      }
      i = end + 1;
    }
    mergeStars(b, start);
  }

  private static void segment(String s, int from, int to, StringBuilder b) {
    if (to - from >= MIN_HEX_ID && isHexWithDigit(s, from, to)) {
      b.append('*');
      return;
    }
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        int end = i;
        while (end < to && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
          end++;
        }
        if (end - i >= 2 || end - i == to - from) {
          b.append('*'); // numbers of two digits or more, or a segment that is only a number
        } else {
          b.append(s, i, end);
        }
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
  }

  /** "*-*-*" and "*_*" collapse to "*": a UUID is one id. */
  private static void mergeStars(StringBuilder b, int start) {
    int w = start;
    for (int r = start; r < b.length(); r++) {
      char c = b.charAt(r);
      if (isSeparator(c) && w > start && b.charAt(w - 1) == '*' && r + 1 < b.length() && b.charAt(r + 1) == '*') {
        r++; // skip the separator and the next star
        continue;
      }
      b.setCharAt(w++, c);
    }
    b.setLength(w);
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  private static boolean isHexWithDigit(String s, int from, int to) {
    boolean digit = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (!(c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return digit;
  }
}
