package io.mountscope.journal;

import io.mountscope.util.Dirs;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one record of every change mountscope makes to the node. An append-only JSON-lines file
 * (docs/journal.md) under {@link Dirs#stateDir()}: a change is written and fsynced before it is
 * applied, and marked undone when rolled back, so that whatever an interrupted run left behind
 * can be rolled back later by {@code mountscope recover}. Safe to share between processes: every
 * append holds an exclusive file lock.
 */
public final class ChangeJournal {
  public static final String FILE = "journal.jsonl";
  /** A settled journal (nothing pending) larger than this is rotated to journal.jsonl.1. */
  static final long ROTATE_BYTES = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(ChangeJournal.class);
  private static final AtomicLong RUNS = new AtomicLong();

  private final Path file;
  private final Owner owner = Owner.current();
  /** The next change number of each run this journal recorded: a run may record in several calls. */
  private final Map<String, Integer> nextSeq = new java.util.concurrent.ConcurrentHashMap<>();

  private ChangeJournal(Path file) {
    this.file = file;
  }

  /** The node's journal, in the state directory. */
  public static ChangeJournal open() {
    return open(Dirs.stateDir().resolve(FILE));
  }

  public static ChangeJournal open(Path file) {
    return new ChangeJournal(file);
  }

  public Path file() {
    return file;
  }

  /** A fresh run id ("stress-4711-1712345678901-0") grouping the changes of one operation. */
  public String newRun(String what) {
    return what + "-" + owner.pid() + "-" + System.currentTimeMillis() + "-" + RUNS.getAndIncrement();
  }

  /**
   * Writes the intents as changes of {@code run} and fsyncs them: only once this returns may the
   * caller apply them. Apply them in the order given; rollback goes in reverse. A run may record
   * in several calls (a recipe records each change as it comes); their ids keep counting.
   */
  public List<JournalEntry.Change> record(String run, List<Intent> intents) {
    List<JournalEntry.Change> changes = new ArrayList<>();
    String now = Instant.now().toString();
    int seq = nextSeq.getOrDefault(run, 0);
    for (Intent i : intents) {
      changes.add(new JournalEntry.Change(run + "/" + seq++, run, now, owner, i.kind(), i.target(), i.oldValue(),
          i.newValue(), i.note()));
    }
    nextSeq.put(run, seq);
    append(changes);
    return changes;
  }

  public JournalEntry.Change record(String run, Intent intent) {
    return record(run, List.of(intent)).get(0);
  }

  /** Marks changes kept on purpose: {@code recover} leaves them alone. */
  public void markKept(List<JournalEntry.Change> changes) {
    String now = Instant.now().toString();
    append(changes.stream().map(c -> (JournalEntry) new JournalEntry.Kept(c.id(), now, owner.pid())).toList());
  }

  /**
   * Rolls the changes back in reverse order with the registry's undo actions, and journals each
   * outcome. A change whose kind has no undo action, or whose undo throws, stays pending.
   */
  public List<UndoOutcome> rollBack(List<JournalEntry.Change> changes, UndoRegistry registry) {
    List<UndoOutcome> outcomes = new ArrayList<>();
    List<JournalEntry> marks = new ArrayList<>();
    for (int i = changes.size() - 1; i >= 0; i--) {
      JournalEntry.Change c = changes.get(i);
      UndoOutcome o = undoOne(c, registry);
      outcomes.add(o);
      marks.add(o.undone() ? new JournalEntry.Undone(c.id(), Instant.now().toString(), owner.pid(), o.detail())
          : new JournalEntry.UndoFailed(c.id(), Instant.now().toString(), owner.pid(), o.detail()));
    }
    append(marks);
    return outcomes;
  }

  private static UndoOutcome undoOne(JournalEntry.Change c, UndoRegistry registry) {
    var action = registry.forKind(c.kind());
    if (action.isEmpty()) {
      return new UndoOutcome(c, false, "no undo action for kind '" + c.kind() + "' (known: " + registry.kinds() + ")");
    }
    try {
      return new UndoOutcome(c, true, action.get().undo(c));
    } catch (Exception e) {
      LOG.warn("undo of {} {} failed", c.kind(), c.target(), e);
      return new UndoOutcome(c, false, String.valueOf(e.getMessage()));
    }
  }

  /** Changes neither undone nor kept, in the order they were made. */
  public List<JournalEntry.Change> pending() {
    Map<String, JournalEntry.Change> open = new LinkedHashMap<>();
    for (JournalEntry e : entries()) {
      if (e instanceof JournalEntry.Change c) {
        open.put(c.id(), c);
      } else if (e instanceof JournalEntry.Undone || e instanceof JournalEntry.Kept) {
        open.remove(e.id());
      }
    }
    return new ArrayList<>(open.values());
  }

  /** The pending changes of one run. */
  public List<JournalEntry.Change> pending(String run) {
    return pending().stream().filter(c -> c.run().equals(run)).toList();
  }

  /** Every readable line. A line that does not parse (a torn write at a crash) is logged and skipped. */
  public List<JournalEntry> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JournalEntry> out = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(Json.mapper().readValue(line, JournalEntry.class));
        } catch (IOException e) {
          LOG.warn("{}:{}: unreadable journal line skipped: {}", file, n, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the change journal " + file, e);
    }
    return out;
  }

  /** Rotates a large journal once nothing in it is pending, so it does not grow forever. */
  public void rotateIfSettled() {
    try (FileChannel ch = channel(); FileLock lock = ch.lock()) {
      if (ch.size() > ROTATE_BYTES && pending().isEmpty()) {
        // Copy and truncate in place: a writer waiting for the lock keeps appending to this inode.
        Files.copy(file, file.resolveSibling(FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        ch.truncate(0);
        ch.force(true);
      }
    } catch (IOException e) {
      LOG.warn("cannot rotate {}", file, e);
    }
  }

  private void append(List<? extends JournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (JournalEntry e : entries) {
      b.append(Json.line(e)).append('\n');
    }
    ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch = channel(); FileLock lock = ch.lock()) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the change journal " + file + ": nothing was changed", e);
    }
  }

  private FileChannel channel() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean fresh = !Files.exists(file);
    Files.createDirectories(dir);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (fresh) {
      // A new file's directory entry must be durable too, or a crash can lose the whole journal.
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
    return ch;
  }

  /** The set of run ids with pending changes. */
  public Set<String> pendingRuns() {
    Set<String> runs = new HashSet<>();
    pending().forEach(c -> runs.add(c.run()));
    return runs;
  }
}
