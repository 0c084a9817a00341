package io.mountscope.store;

import io.mountscope.model.Sample;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recording opened for replay: its files (a rotated recording's older parts first), the header,
 * the Samples as a list read on demand (only where each one is is kept in memory), and where it
 * stopped if a file is cut or damaged. Every sample is read once on opening, so what the list
 * holds is known to be readable.
 */
public final class Recording implements AutoCloseable {
  /** The demo recording shipped in the jar (docs/recording.md says how it was captured). */
  public static final String DEMO_RESOURCE = "/io/mountscope/store/demo.jsonl.gz";
  private static final int CACHE = 128;

  private final String name;
  private final RecordingHeader header;
  private final List<Path> files;
  private final List<FileChannel> channels;
  private final List<Entry> entries;
  private final RecordingDamage damage;
  private final Map<Integer, Sample> cache = new LinkedHashMap<>(CACHE, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Sample> eldest) {
      return size() > CACHE;
    }
  };

  private record Entry(ByteSource source, RecordingReader.Place place) {}

  private Recording(String name, RecordingHeader header, List<Path> files, List<FileChannel> channels,
      List<Entry> entries, RecordingDamage damage) {
    this.name = name;
    this.header = header;
    this.files = files;
    this.channels = channels;
    this.entries = entries;
    this.damage = damage;
  }

  /**
   * Opens {@code file} with the rotated parts of the same recording before it ({@code FILE.N} ..
   * {@code FILE.1}); an InputException (exit 2) when it is missing, not a recording, or holds no
   * readable sample.
   */
  public static Recording open(Path file) throws IOException {
    List<Path> parts = RecordingParts.chain(file);
    List<FileChannel> channels = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    RecordingHeader first = null;
    RecordingDamage damage = null;
    try {
      for (Path p : parts) {
        FileChannel ch = channel(p);
        channels.add(ch);
        ByteSource src = ByteSource.of(ch);
        RecordingReader.Opened opened = RecordingReader.open(src, p.toString());
        first = first == null ? opened.header() : first;
        damage = RecordingReader.samples(src, p.toString(), opened, entries.size() + 1L,
            (s, place) -> entries.add(new Entry(src, place)));
        if (damage != null) {
          break; // later parts would not follow on from what was read
        }
      }
    } catch (IOException | RuntimeException e) {
      closeAll(channels);
      throw e;
    }
    return checked(new Recording(file.toString(), first, List.copyOf(parts), channels, entries, damage));
  }

  /** The demo recording from the jar: works on any machine, no privilege needed. */
  public static Recording demo() throws IOException {
    byte[] bytes;
    try (InputStream in = Recording.class.getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo recording " + DEMO_RESOURCE + " is missing from the jar");
      }
      bytes = in.readAllBytes();
    }
    return of("demo", bytes);
  }

  /** A recording held in memory under {@code name}. */
  public static Recording of(String name, byte[] bytes) throws IOException {
    ByteSource src = ByteSource.of(bytes);
    RecordingReader.Opened opened = RecordingReader.open(src, name);
    List<Entry> entries = new ArrayList<>();
    RecordingDamage damage = RecordingReader.samples(src, name, opened, 1, (s, place) -> entries.add(new Entry(src, place)));
    return checked(new Recording(name, opened.header(), List.of(), List.of(), entries, damage));
  }

  private static Recording checked(Recording r) {
    if (r.entries.isEmpty()) {
      r.close();
      throw new InputException(r.name + ": no readable sample" + (r.damage == null ? " (the recording is empty)"
          : ": " + r.damage.line()));
    }
    return r;
  }

  private static FileChannel channel(Path p) throws IOException {
    try {
      return FileChannel.open(p, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new InputException(p + ": no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InputException(p + ": permission denied");
    }
  }

  public String name() {
    return name;
  }

  /** The header of the first file played. */
  public RecordingHeader header() {
    return header;
  }

  /** The files played, oldest first (empty for one held in memory). */
  public List<Path> files() {
    return files;
  }

  /** Where the recording stopped being readable; empty when it was read to its end. */
  public Optional<RecordingDamage> damage() {
    return Optional.ofNullable(damage);
  }

  /** The samples, oldest first, read from the files on demand (the last {@value #CACHE} are kept). */
  public List<Sample> samples() {
    return new AbstractList<>() {
      @Override
      public Sample get(int i) {
        return sample(i);
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  private synchronized Sample sample(int i) {
    Sample s = cache.get(i);
    if (s == null) {
      Entry e = entries.get(i);
      try {
        s = RecordingReader.read(e.source(), e.place());
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      cache.put(i, s);
    }
    return s;
  }

  @Override
  public void close() {
    closeAll(channels);
  }

  private static void closeAll(List<FileChannel> channels) {
    for (FileChannel c : channels) {
      try {
        c.close();
      } catch (IOException ignored) {
        // read-only: nothing to lose
      }
    }
  }

  /** Reads every sample of {@code file} (and its rotated parts) in order without keeping them; returns the damage, if any. */
  public static Optional<RecordingDamage> stream(Path file, java.util.function.Consumer<Sample> each) throws IOException {
    long number = 1;
    for (Path p : RecordingParts.chain(file)) {
      try (FileChannel ch = channel(p)) {
        ByteSource src = ByteSource.of(ch);
        RecordingReader.Opened opened = RecordingReader.open(src, p.toString());
        long[] count = {0};
        RecordingDamage d = RecordingReader.samples(src, p.toString(), opened, number, (s, place) -> {
          count[0]++;
          each.accept(s);
        });
        if (d != null) {
          return Optional.of(d);
        }
        number += count[0];
      }
    }
    return Optional.empty();
  }
}
