package io.mountscope.console;

import io.mountscope.util.Procfs;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jline.reader.Candidate;

/** The value lists behind completion: recipes, topics, patterns, pids, sysctl keys, containerd namespaces, files. */
final class Candidates {
  static final String CONTAINERD_SOCKET = "/run/containerd/containerd.sock";
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

  static List<Candidate> patterns() {
    return Knowledge.builtIn().ofKind(Topic.Kind.PATTERN).stream()
        .map(t -> value(t.name(), null, t.summary().replaceFirst("^Stress pattern: ", ""))).toList();
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
   * containerd's namespaces, when its socket answers: from {@code ctr namespaces ls} if ctr is
   * installed, and from the runtime's task directories. Nothing when containerd is not reachable.
   */
  static List<Candidate> containerdNamespaces(String socket) {
    String sock = socket == null || socket.isBlank() ? CONTAINERD_SOCKET : socket.replaceFirst("^unix://", "");
    if (!reachable(Path.of(sock))) {
      return List.of();
    }
    TreeSet<String> names = new TreeSet<>(ctrNamespaces(sock));
    for (String dir : new String[] {"/run/containerd/io.containerd.runtime.v2.task", "/run/containerd/io.containerd.runtime.v1.linux"}) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir), Files::isDirectory)) {
        ds.forEach(p -> names.add(p.getFileName().toString()));
      } catch (IOException e) {
        // no tasks from this runtime
      }
    }
    return names.stream().map(n -> value(n, null, "containerd namespace")).toList();
  }

  private static boolean reachable(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return ch.isConnected();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> ctrNamespaces(String socket) {
    try {
      Process p = new ProcessBuilder("ctr", "--address", socket, "namespaces", "ls", "-q")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of();
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
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
