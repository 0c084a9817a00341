package io.mountscope.probe.mounts;

import io.mountscope.kernel.SelfAccounting;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One analysis of a mount table, for {@code mountscope mounts} and its benchmark. */
public final class MountsAnalysis {
  /** Patterns listed at most. */
  public static final int TOP_PATTERNS = 15;
  /** Gone targets listed at most. */
  static final int MAX_GONE = 50;

  private MountsAnalysis() {}

  /** The live table of this mount namespace, with namespaces and gone targets. */
  public static MountsReport live() throws IOException {
    return analyse(Path.of("/proc/self/mountinfo"), true);
  }

  /** A captured mountinfo file; errors name the file and line. */
  public static MountsReport file(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a directory; give a mountinfo file (a copy of /proc/PID/mountinfo)");
    }
    return analyse(file, false);
  }

  private static MountsReport analyse(Path path, boolean live) throws IOException {
    long start = System.nanoTime();
    byte[] data;
    try (InputStream in = Files.newInputStream(path)) {
      data = in.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new InputException(path + ": no such file");
    }
    if (live) {
      SelfAccounting.mountinfoBytes(data.length);
    }
    long read = System.nanoTime();
    List<String> gone = new ArrayList<>();
    MountTableSummary[] summary = new MountTableSummary[1];
    summary[0] = new MountTableSummary(e -> {
      if (live && gone.size() < MAX_GONE && MountClassifier.targetCheckable(summary[0].lastKind())
          && !Files.exists(Path.of(e.mountPoint()))) {
        gone.add(e.mountPoint());
      }
    });
    MountInfoParser.parse(data, data.length, path.toString(), summary[0]);
    long parsed = System.nanoTime();
    List<MountsReport.PatternCount> patterns = new ArrayList<>();
    summary[0].topPatterns(TOP_PATTERNS).forEach((p, n) -> patterns.add(new MountsReport.PatternCount(p, n)));
    return new MountsReport(path.toString(), live, summary[0].mounts(), data.length, (read - start) / 1e6,
        (parsed - read) / 1e6, summary[0].byFsType(), summary[0].byKind(), summary[0].propagation(),
        List.copyOf(patterns), summary[0].idmappedTempCount(),
        summary[0].idmappedTempExamples().stream().map(MountEntry::mountPoint).toList(), summary[0].longestOptions(),
        live ? new NamespaceScanner().scan(1_000_000_000L) : List.of(), List.copyOf(gone));
  }
}
