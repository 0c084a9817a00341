package io.mountscope.console;

import io.mountscope.containerd.ContainerdAddress;
import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.SocketCheck;
import io.mountscope.stress.Pattern;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jline.reader.Candidate;

/** The value lists behind completion: recipes, topics, patterns, pids, sysctl keys, containerd namespaces, files. */
final class Candidates {
  private static final Path PROC_SYS = Path.of("/proc/sys");
  private static final long SYSCTL_TTL_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static volatile List<String> sysctlKeys;
  private static volatile long sysctlRead;

  private Candidates() {}

  static List<Candidate> recipes() {
    List<Candidate> out = new ArrayList<>();
    RecipeNames.list().forEach((name, d) -> out.add(value(name, "recipes", d)));
    return out;
  }

  /** The training scenarios of this install, with their titles (a broken one says so). */
  static List<Candidate> scenarios() {
    List<Candidate> out = new ArrayList<>();
    io.mountscope.training.ScenarioLibrary.installed().list().forEach(e ->
        out.add(value(e.name(), "training scenarios", e.error() == null ? e.title() : "broken")));
    return out;
  }

  /** Every explain topic by name (grouped by kind), plus the recipes of this install. */
  static List<Candidate> topics() {
    Knowledge k = Knowledge.builtIn();
    List<Candidate> out = new ArrayList<>();
    for (Topic t : k.topics()) {
      out.add(value(t.name(), t.kind().heading(), t.summary()));
    }
    RecipeNames.list().forEach((name, d) -> {
      if (k.find(name).isEmpty()) {
        out.add(value(name, Topic.Kind.RECIPE.heading(), d));
      }
    });
    return out;
  }

  /** The stress engine's patterns, described from the manual where it has them. */
  static List<Candidate> patterns() {
    Knowledge k = Knowledge.builtIn();
    return Arrays.stream(Pattern.values()).map(Pattern::cliName)
        .map(n -> value(n, null, k.find(n).map(t -> t.summary().replaceFirst("^Stress pattern: ", ""))
            .orElse(n.equals("custom") ? "steps from a YAML file (--file)" : null)))
        .toList();
  }

  /** Running processes: the pid, described by its command name. */
  static List<Candidate> pids() {
    List<Candidate> out = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path p : proc) {
        String comm = Procfs.read(p.resolve("comm")).orElse("");
        out.add(value(p.getFileName().toString(), null, comm));
      }
    } catch (IOException e) {
      // no /proc: nothing to offer
    }
    return out;
  }

  /** Every key under /proc/sys (read at most every five minutes); keys the manual knows are described. */
  static List<Candidate> sysctls() {
    Knowledge k = Knowledge.builtIn();
    List<Candidate> out = new ArrayList<>();
    for (String key : sysctlKeys()) {
      String d = k.find(key).filter(t -> t.kind() == Topic.Kind.SYSCTL).map(Topic::summary).orElse(null);
      out.add(value(key, null, d));
    }
    return out;
  }

  static List<String> sysctlKeys() {
    List<String> keys = sysctlKeys;
    if (keys == null || System.nanoTime() - sysctlRead > SYSCTL_TTL_NANOS) {
      TreeSet<String> found = new TreeSet<>();
      try (Stream<Path> files = Files.walk(PROC_SYS, 8)) {
        files.filter(Files::isRegularFile)
            .forEach(f -> found.add(PROC_SYS.relativize(f).toString().replace('/', '.')));
      } catch (IOException | java.io.UncheckedIOException e) {
        // a directory vanished mid-walk (a network interface went away); keep what was found
      }
      keys = List.copyOf(found);
      sysctlKeys = keys;
      sysctlRead = System.nanoTime();
    }
    return keys;
  }

  /**
   * containerd's namespaces, when its socket ({@code address}, else CONTAINERD_ADDRESS, else the
   * first well-known one) answers: {@code ctr namespaces ls}. Nothing when containerd is not
   * reachable or ctr is missing.
   */
  static List<Candidate> containerdNamespaces(String address) {
    String socket = ContainerdAddress.resolve(address);
    if (!SocketCheck.of(socket).reachable()) {
      return List.of();
    }
    try {
      return Ctr.at(socket).withTimeout(2).run(null, "namespaces", "ls", "-q").lines()
          .map(String::strip).filter(n -> !n.isEmpty()).sorted()
          .map(n -> value(n, null, "containerd namespace")).toList();
    } catch (RuntimeException e) {
      return List.of(); // ctr missing, slow or failing: completion offers nothing rather than wait
    }
  }

  /** Paths that continue what was typed; directories end in '/' and keep the completion open. */
  static List<Candidate> files(String typed) {
    String t = typed == null ? "" : typed;
    int slash = t.lastIndexOf('/');
    String dirPart = slash >= 0 ? t.substring(0, slash + 1) : "";
    Path dir = dirPart.isEmpty() ? Path.of(".") : Path.of(expandHome(dirPart));
    List<Candidate> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        boolean isDir = Files.isDirectory(p);
        out.add(new Candidate(dirPart + name + (isDir ? "/" : ""), name + (isDir ? "/" : ""), null, null, null, null, !isDir));
      }
    } catch (IOException | RuntimeException e) {
      // not a readable directory: nothing to offer
    }
    return out;
  }

  private static String expandHome(String path) {
    return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
  }

  private static Candidate value(String value, String group, String description) {
    String d = description == null || description.isBlank() ? null : shorten(description);
    return new Candidate(value, value, group, d, null, null, true);
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
