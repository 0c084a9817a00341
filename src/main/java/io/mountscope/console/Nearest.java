package io.mountscope.console;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the known words closest to a mistyped one, by edit distance and containment. */
public final class Nearest {
  private Nearest() {}

  /** Up to {@code max} candidates close to {@code word}, closest first. */
  public static List<String> to(String word, Collection<String> known, int max) {
    String w = word.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    record Scored(String name, int score) {}
    return known.stream()
        .map(k -> new Scored(k, score(w, k.toLowerCase(Locale.ROOT))))
        .filter(s -> s.score() <= limit)
        .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
        .map(Scored::name)
        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new))
        .stream().limit(max).toList();
  }

  /** Edit distance, with a word contained in the other (or sharing a prefix of 4) counted as close. */
  static int score(String typed, String known) {
    if (typed.length() >= 3 && (known.contains(typed) || typed.contains(known))) {
      return 1;
    }
    int d = distance(typed, known);
    if (typed.length() >= 4 && known.startsWith(typed.substring(0, 4))) {
      d = Math.min(d, 2);
    }
    return d;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
