package io.mountscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names docs/metrics.md documents (the first column of its tables), without a counter's _total. */
public final class MetricDocs {
  private MetricDocs() {}

  public static Set<String> names() throws IOException {
    String doc = Files.readString(Path.of("docs/metrics.md"));
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `(mountscope_[a-z_]+)").matcher(doc);
    while (m.find()) {
      names.add(m.group(1).replaceAll("_total$", ""));
    }
    return names;
  }
}
