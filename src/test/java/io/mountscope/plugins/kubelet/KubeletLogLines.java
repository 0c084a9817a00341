package io.mountscope.plugins.kubelet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The captured kubelet log fixtures (src/test/resources/io/mountscope/plugins/kubelet), each naming its source. */
public final class KubeletLogLines {
  private KubeletLogLines() {}

  /** All lines of fixture {@code name}, the source note ('#' lines) included. */
  public static List<String> all(String name) {
    try (InputStream in = KubeletLogLines.class.getResourceAsStream("/io/mountscope/plugins/kubelet/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kubelet's lines of fixture {@code name}, without its source note. */
  public static List<String> kubelet(String name) {
    return all(name).stream().filter(l -> !l.startsWith("#")).toList();
  }
}
