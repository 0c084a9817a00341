package io.mountscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.testing.SampleFixtures;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording files: written, rotated, cut and damaged, and what a replay makes of them. */
class RecordingTest {
  @TempDir
  Path dir;

  static RecordingHeader header() {
    return new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.SCHEMA, "0.1.0", "rec-1", 1, SampleFixtures.T0, 1000,
        "node-17", new KernelInfo("6.18.44", "#1", "x86_64"));
  }

  private Path record(String name, List<Sample> samples, RecordingWriter.Limits limits) throws Exception {
    Path file = dir.resolve(name);
    try (RecordingWriter w = RecordingWriter.create(file, header(), limits, false)) {
      for (Sample s : samples) {
        assertThat(w.append(s)).isTrue();
      }
    }
    return file;
  }

  private static List<Model> models(List<Sample> samples) {
    List<Model> out = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      out.add(Diagnosis.derive(samples.get(i), i == 0 ? null : samples.get(i - 1)));
    }
    return out;
  }

  private static List<Sample> replayed(Path file) throws Exception {
    try (Recording r = Recording.open(file)) {
      assertThat(r.damage()).isEmpty();
      return new ArrayList<>(r.samples());
    }
  }

  @Test
  void a_recording_replays_the_models_that_were_shown_live() throws Exception {
    List<Sample> live = SampleFixtures.storm(12);
    Path file = record("storm.jsonl.gz", live, RecordingWriter.Limits.DEFAULT);
    assertThat(models(replayed(file))).isEqualTo(models(live));
    try (Recording r = Recording.open(file)) {
      assertThat(r.header()).isEqualTo(header());
      assertThat(r.files()).containsExactly(file);
    }
  }

  @Test
  void zcat_reads_a_recording_as_its_header_and_json_lines() throws Exception {
    List<Sample> live = SampleFixtures.storm(3);
    Path file = record("storm.jsonl.gz", live, RecordingWriter.Limits.DEFAULT);
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      r.lines().forEach(lines::add);
    }
    assertThat(lines).hasSize(4);
    assertThat(Json.mapper().readTree(lines.get(0)).get("format").asText()).isEqualTo("mountscope-recording");
    assertThat(lines.get(1)).isEqualTo(Json.line(live.get(0)));
  }

  @Test
  void a_recording_past_its_size_rotates_and_replays_across_its_parts_in_order() throws Exception {
    List<Sample> live = SampleFixtures.storm(samplesFor(3.5));
    Path file = record("r.jsonl.gz", live, new RecordingWriter.Limits(64 * 1024, 100));
    List<Path> parts = RecordingParts.chain(file);
    assertThat(parts.size()).isGreaterThan(2);
    assertThat(parts.get(parts.size() - 1)).isEqualTo(file);
    for (Path p : parts) {
      assertThat(Files.size(p)).isLessThanOrEqualTo(64 * 1024);
    }
    assertThat(models(replayed(file))).isEqualTo(models(live));
  }

  @Test
  void rotation_keeps_only_the_newest_parts_and_replay_starts_at_the_oldest_kept() throws Exception {
    List<Sample> live = SampleFixtures.storm(samplesFor(5.5));
    Path file = record("r.jsonl.gz", live, new RecordingWriter.Limits(64 * 1024, 2));
    assertThat(Files.exists(dir.resolve("r.jsonl.gz.1"))).isTrue();
    assertThat(Files.exists(dir.resolve("r.jsonl.gz.2"))).isTrue();
    assertThat(Files.exists(dir.resolve("r.jsonl.gz.3"))).isFalse();
    List<Sample> back = replayed(file);
    assertThat(back.size()).isLessThan(live.size());
    // The newest samples, in order, ending with the last one recorded.
    List<Sample> tail = live.subList(live.size() - back.size(), live.size());
    assertThat(back.stream().map(Sample::timeMillis).toList()).isEqualTo(tail.stream().map(Sample::timeMillis).toList());
    try (Recording r = Recording.open(file)) {
      assertThat(r.header().part()).isGreaterThan(1);
    }
  }

  @Test
  void a_part_left_over_from_another_recording_is_not_played() throws Exception {
    Path file = record("r.jsonl.gz", SampleFixtures.storm(3), RecordingWriter.Limits.DEFAULT);
    Files.copy(file, dir.resolve("r.jsonl.gz.1")); // same id, but part 1 again: not the part before
    assertThat(RecordingParts.chain(file)).containsExactly(file);
  }

  @Test
  void a_file_cut_anywhere_replays_every_sample_before_the_cut_and_says_where_it_stopped() throws Exception {
    List<Sample> live = SampleFixtures.storm(5);
    Path file = record("cut.jsonl.gz", live, RecordingWriter.Limits.DEFAULT);
    byte[] whole = Files.readAllBytes(file);
    List<Long> starts = memberStarts(whole);
    List<Integer> cuts = new ArrayList<>();
    for (int m = 1; m < starts.size(); m++) {
      long from = starts.get(m);
      long to = m + 1 < starts.size() ? starts.get(m + 1) : whole.length;
      // inside the gzip header, the deflate data, the 8-byte trailer, and at the boundary
      cuts.addAll(List.of((int) from, (int) from + 1, (int) from + 5, (int) ((from + to) / 2), (int) to - 5, (int) to - 1));
    }
    for (int cut : cuts) {
      Path cutFile = dir.resolve("cut-" + cut);
      Files.write(cutFile, Arrays.copyOf(whole, cut));
      int intact = 0;
      while (intact + 2 < starts.size() && starts.get(intact + 2) <= cut) {
        intact++;
      }
      if (starts.contains((long) cut)) {
        continue; // a cut between members is a clean end
      }
      try (Recording r = Recording.open(cutFile)) {
        assertThat(r.samples()).hasSize(intact);
        assertThat(r.damage()).isPresent();
        RecordingDamage d = r.damage().get();
        assertThat(d.sample()).isEqualTo(intact + 1);
        assertThat(d.byteOffset()).isEqualTo(starts.get(intact + 1));
        assertThat(d.reason()).isEqualTo("unexpected end of gzip stream");
        assertThat(models(new ArrayList<>(r.samples()))).isEqualTo(models(live.subList(0, intact)));
      } catch (InputException e) {
        assertThat(intact).isZero(); // nothing readable: the file is refused
        assertThat(e.getMessage()).contains("no readable sample", "stopped at sample 1");
      }
    }
  }

  @Test
  void the_damage_line_names_sample_byte_and_reason() {
    assertThat(new RecordingDamage("rec.jsonl.gz", 812, 3_145_728, "unexpected end of gzip stream").line())
        .isEqualTo("stopped at sample 812 (byte 3,145,728 of rec.jsonl.gz): unexpected end of gzip stream");
  }

  @Test
  void a_corrupted_byte_stops_the_replay_at_the_sample_it_hit() throws Exception {
    List<Sample> live = SampleFixtures.storm(6);
    Path file = record("bad.jsonl.gz", live, RecordingWriter.Limits.DEFAULT);
    byte[] bytes = Files.readAllBytes(file);
    List<Long> starts = memberStarts(bytes);
    long hit = starts.get(4); // the member of the 4th sample (member 0 is the header)
    bytes[(int) hit + 30] ^= 0x55;
    Files.write(file, bytes);
    try (Recording r = Recording.open(file)) {
      assertThat(r.samples()).hasSize(3);
      assertThat(r.damage().get().sample()).isEqualTo(4);
      assertThat(r.damage().get().byteOffset()).isEqualTo(hit);
      assertThat(r.damage().get().reason()).containsAnyOf("corrupt deflate data", "CRC mismatch", "length mismatch");
    }
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, java.nio.file.StandardOpenOption.APPEND);
  }

  @Test
  void garbage_after_the_samples_stops_there() throws Exception {
    Path file = record("tail.jsonl.gz", SampleFixtures.storm(2), RecordingWriter.Limits.DEFAULT);
    long end = Files.size(file);
    Files.write(file, "hello".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
    try (Recording r = Recording.open(file)) {
      assertThat(r.samples()).hasSize(2);
      assertThat(r.damage().get().line()).isEqualTo("stopped at sample 3 (byte " + String.format("%,d", end) + " of "
          + file + "): not a gzip member (bytes 0x68 0x65)");
    }
  }

  @Test
  void what_is_not_a_recording_is_refused_with_one_line() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    assertThatThrownBy(() -> Recording.open(text)).isInstanceOf(InputException.class)
        .hasMessage(text + ": not a mountscope recording (not a gzip member (bytes 0x68 0x65))");
    Path gz = dir.resolve("other.gz");
    Files.write(gz, GzipMember.encode("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> Recording.open(gz)).isInstanceOf(InputException.class)
        .hasMessageContaining("its first line is not a recording header");
    assertThatThrownBy(() -> Recording.open(dir.resolve("missing.jsonl.gz"))).isInstanceOf(InputException.class)
        .hasMessageEndingWith("missing.jsonl.gz: no such file");
    Path headerOnly = record("empty.jsonl.gz", List.of(), RecordingWriter.Limits.DEFAULT);
    assertThatThrownBy(() -> Recording.open(headerOnly)).isInstanceOf(InputException.class)
        .hasMessageContaining("no readable sample (the recording is empty)");
  }

  @Test
  void a_recording_of_a_newer_schema_is_refused_rather_than_misread() throws Exception {
    RecordingHeader h = header();
    RecordingHeader newer = new RecordingHeader(h.format(), RecordingHeader.SCHEMA + 1, "9.0.0", h.recording(), 1,
        h.startedMillis(), h.intervalMillis(), h.host(), h.kernel());
    Path file = dir.resolve("new.jsonl.gz");
    try (RecordingWriter w = RecordingWriter.create(file, newer, RecordingWriter.Limits.DEFAULT, false)) {
      w.append(SampleFixtures.full(0));
    }
    assertThatThrownBy(() -> Recording.open(file)).isInstanceOf(InputException.class)
        .hasMessageContaining("recorded with sample schema " + (RecordingHeader.SCHEMA + 1) + " by mountscope 9.0.0");
  }

  @Test
  void an_existing_recording_is_not_overwritten_without_force() throws Exception {
    Path file = record("keep.jsonl.gz", SampleFixtures.storm(2), RecordingWriter.Limits.DEFAULT);
    assertThatThrownBy(() -> RecordingWriter.create(file, header(), RecordingWriter.Limits.DEFAULT, false))
        .isInstanceOf(InputException.class).hasMessageContaining("exists: choose another file, or --force");
    assertThat(replayed(file)).hasSize(2);
    RecordingWriter.create(file, header(), RecordingWriter.Limits.DEFAULT, true).close();
    assertThatThrownBy(() -> Recording.open(file)).hasMessageContaining("the recording is empty");
    assertThatThrownBy(() -> RecordingWriter.create(dir.resolve("no/such/dir/x.gz"), header(),
        RecordingWriter.Limits.DEFAULT, false)).isInstanceOf(InputException.class).hasMessageContaining("does not exist");
  }

  @Test
  void a_recording_written_in_one_gzip_member_by_hand_still_replays() throws Exception {
    List<Sample> live = SampleFixtures.storm(3);
    StringBuilder all = new StringBuilder(Json.line(header()) + "\n");
    live.forEach(s -> all.append(Json.line(s)).append('\n'));
    Path file = dir.resolve("regzipped.jsonl.gz");
    Files.write(file, GzipMember.encode(all.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(models(replayed(file))).isEqualTo(models(live));
  }

  /** How many samples fill {@code files} files of the smallest size bound. */
  private static int samplesFor(double files) {
    long one = GzipMember.encode((Json.line(SampleFixtures.full(100)) + "\n").getBytes(StandardCharsets.UTF_8)).length;
    return (int) Math.ceil(files * 64 * 1024 / one);
  }

  /** Offsets where each gzip member of a recording begins (member 0 is the header). */
  static List<Long> memberStarts(byte[] file) throws Exception {
    List<Long> out = new ArrayList<>();
    ByteSource src = ByteSource.of(file);
    long offset = 0;
    GzipMember.Decoded m;
    while ((m = GzipMember.decode(src, offset)) != null) {
      out.add(offset);
      offset += m.length();
    }
    return out;
  }
}
