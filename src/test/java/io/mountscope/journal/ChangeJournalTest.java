package io.mountscope.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal that lets 'recover' undo what a killed run changed on the node. */
class ChangeJournalTest {
  @TempDir
  Path dir;

  private final List<String> undone = new ArrayList<>();

  private UndoRegistry registry() {
    return new UndoRegistry().register("sysctl", c -> {
      undone.add(c.target() + "=" + c.oldValue());
      return "restored " + c.oldValue();
    }).register("broken", c -> {
      throw new IllegalStateException("device busy");
    });
  }

  @Test
  void a_change_is_on_disk_before_the_caller_applies_it_and_pending_until_undone() {
    ChangeJournal j = ChangeJournal.open(dir.resolve("journal.jsonl"));
    String run = j.newRun("recipe");
    JournalEntry.Change c = j.record(run, new Intent("sysctl", "fs.mount-max", "100000", "200000"));
    // A second reader (another process after a crash) sees it: it was written and fsynced.
    List<JournalEntry.Change> seen = ChangeJournal.open(dir.resolve("journal.jsonl")).pending();
    assertThat(seen).containsExactly(c);
    assertThat(c.owner()).isEqualTo(Owner.current());
    assertThat(c.id()).startsWith(run + "/");
  }

  @Test
  void a_recipe_that_journals_its_changes_one_by_one_gets_an_id_for_each() {
    ChangeJournal j = ChangeJournal.open(dir.resolve("journal.jsonl"));
    String run = j.newRun("recipe");
    JournalEntry.Change first = j.record(run, new Intent("sysctl", "kernel.timer_migration", "1", "0"));
    JournalEntry.Change second = j.record(run, new Intent("sysctl", "vm.vfs_cache_pressure", "100", "50"));
    assertThat(first.id()).isNotEqualTo(second.id());
    j.rollBack(List.of(first), registry());
    // Rolling back the first leaves the second pending: they are two changes, not one.
    assertThat(j.pending()).containsExactly(second);
  }

  @Test
  void rollback_undoes_newest_first_and_marks_each_change_undone() {
    ChangeJournal j = ChangeJournal.open(dir.resolve("journal.jsonl"));
    String run = j.newRun("recipe");
    List<JournalEntry.Change> cs = j.record(run, List.of(new Intent("sysctl", "a", "1", "2"), new Intent("sysctl", "b", "3", "4")));
    List<UndoOutcome> out = j.rollBack(cs, registry());
    assertThat(undone).containsExactly("b=3", "a=1");
    assertThat(out).allMatch(UndoOutcome::undone);
    assertThat(j.pending()).isEmpty();
    assertThat(j.entries()).hasSize(4).last().isInstanceOf(JournalEntry.Undone.class);
  }

  @Test
  void a_failed_undo_or_an_unknown_kind_stays_pending_for_the_next_recover() {
    ChangeJournal j = ChangeJournal.open(dir.resolve("journal.jsonl"));
    String run = j.newRun("recipe");
    List<JournalEntry.Change> cs = j.record(run, List.of(new Intent("broken", "x", "0", "1"), new Intent("smt", "cpu", "on", "off")));
    List<UndoOutcome> out = j.rollBack(cs, registry());
    assertThat(out).noneMatch(UndoOutcome::undone);
    assertThat(out.get(0).detail()).contains("no undo action for kind 'smt'");
    assertThat(out.get(1).detail()).isEqualTo("device busy");
    assertThat(j.pending()).hasSize(2);
    assertThat(j.entries()).filteredOn(e -> e instanceof JournalEntry.UndoFailed).hasSize(2);
  }

  @Test
  void kept_changes_are_no_longer_pending_and_runs_are_separate() {
    ChangeJournal j = ChangeJournal.open(dir.resolve("journal.jsonl"));
    String one = j.newRun("recipe");
    String two = j.newRun("recipe");
    JournalEntry.Change a = j.record(one, new Intent("sysctl", "a", "1", "2"));
    JournalEntry.Change b = j.record(two, new Intent("sysctl", "b", "1", "2"));
    j.markKept(List.of(a));
    assertThat(j.pending()).containsExactly(b);
    assertThat(j.pending(one)).isEmpty();
    assertThat(j.pendingRuns()).containsExactly(two);
  }

  @Test
  void a_line_torn_by_a_crash_is_skipped_and_the_rest_still_reads() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    ChangeJournal j = ChangeJournal.open(file);
    JournalEntry.Change c = j.record(j.newRun("stress"), new Intent("mount", "/run/x", "not mounted", "tmpfs"));
    Files.writeString(file, "{\"type\":\"undone\",\"id\":\"" + c.id(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(j.pending()).containsExactly(c);
  }

  @Test
  void a_dead_owner_is_told_apart_from_a_live_one_even_when_its_pid_is_reused() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(new Owner(p.pid(), 1).alive()).isFalse();
    Owner me = Owner.current();
    assertThat(me.alive()).isTrue();
    assertThat(new Owner(me.pid(), me.startTicks() + 1).alive()).isFalse();
  }

  @Test
  void a_large_settled_journal_is_rotated_and_writers_keep_appending_to_the_same_file() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    ChangeJournal j = ChangeJournal.open(file);
    String run = j.newRun("stress");
    List<Intent> many = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add(new Intent("sysctl", "k" + i, "0", "1", "x".repeat(200)));
    }
    j.rollBack(j.record(run, many), registry());
    assertThat(Files.size(file)).isGreaterThan(ChangeJournal.ROTATE_BYTES);
    j.rotateIfSettled();
    assertThat(Files.size(file)).isZero();
    assertThat(Files.size(dir.resolve("journal.jsonl.1"))).isGreaterThan(ChangeJournal.ROTATE_BYTES);
    JournalEntry.Change c = j.record(run, new Intent("sysctl", "after", "0", "1"));
    assertThat(j.pending()).containsExactly(c);
  }
}
