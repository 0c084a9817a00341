package io.mountscope.training;

import io.mountscope.util.Dirs;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Training progress per user: one JSON file per user, {@code training/USER.json} in the state
 * directory, each session appended when it ends (however it ends). Written to a temporary file
 * and moved into place under a lock, so two sessions of one user never lose each other's record.
 */
public final class Scores {
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private final Path dir;

  public Scores(Path dir) {
    this.dir = dir;
  }

  /** The state directory's training records. */
  public static Scores standard() {
    return new Scores(Dirs.stateDir().resolve("training"));
  }

  /** One user's record: every session, oldest first. */
  public record User(String user, List<Session> sessions) {}

  /** One session: the scenario, when, how it ended, the score, and each question. */
  public record Session(String scenario, String title, String startedAt, String endedAt, String outcome, long score,
      long maxScore, List<QuestionResult> questions) {}

  /**
   * One question: the answers given in order, whether one was right, the points won, and the right
   * answer at the end ({@code expected}); {@code unavailable} when the node could not measure it
   * (not scored).
   */
  public record QuestionResult(String id, String kind, List<String> answers, boolean right, int wrongAnswers,
      long points, long maxPoints, String expected, String unavailable) {}

  /** A scenario's summary in {@code train progress}. */
  public record ScenarioProgress(String scenario, int sessions, int completed, long bestScore, long maxScore,
      long lastScore, String lastOutcome, String lastAt) {}

  /** Who is training: {@code --user}, else SUDO_USER, else the login name. */
  public static String user(String given) {
    String u = given != null ? given : System.getenv("SUDO_USER");
    if (u == null || u.isBlank()) {
      u = System.getProperty("user.name", "unknown");
    }
    if (!u.matches(NAME)) {
      throw new InputException("--user " + u + ": a user name is letters, digits, '.', '_' and '-' (at most 64)");
    }
    return u;
  }

  /** Appends {@code s} to {@code user}'s record. */
  public synchronized void add(String user, Session s) {
    try {
      Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        User was = read(user);
        List<Session> all = new ArrayList<>(was.sessions());
        all.add(s);
        Path tmp = dir.resolve("." + user + ".json.tmp");
        Files.writeString(tmp, Json.pretty(new User(user, all)) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file(user), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training record of " + user + " in " + dir, e);
    }
  }

  /** One user's record (no sessions when they never trained). */
  public User read(String user) {
    Path f = file(user);
    if (!Files.isRegularFile(f)) {
      return new User(user, List.of());
    }
    try {
      return Json.mapper().readValue(Files.readString(f, StandardCharsets.UTF_8), User.class);
    } catch (IOException e) {
      throw new InputException(f + ": not a training record (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  /** Every user's record, by name. */
  public List<User> all() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
          .map(n -> n.substring(0, n.length() - 5)).filter(n -> n.matches(NAME)).sorted().map(this::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Per scenario: sessions, completed ones, the best and the last score. */
  public static List<ScenarioProgress> summary(User u) {
    Map<String, List<Session>> by = new LinkedHashMap<>();
    u.sessions().forEach(s -> by.computeIfAbsent(s.scenario(), k -> new ArrayList<>()).add(s));
    List<ScenarioProgress> out = new ArrayList<>();
    by.forEach((name, list) -> {
      Session last = list.get(list.size() - 1);
      out.add(new ScenarioProgress(name, list.size(), (int) list.stream().filter(s -> s.outcome().equals("completed")).count(),
          list.stream().mapToLong(Session::score).max().orElse(0), last.maxScore(), last.score(), last.outcome(),
          last.endedAt()));
    });
    return out;
  }

  private Path file(String user) {
    return dir.resolve(user + ".json");
  }
}
