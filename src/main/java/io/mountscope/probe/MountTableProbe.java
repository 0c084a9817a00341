package io.mountscope.probe;

import io.mountscope.kernel.MountListing;
import io.mountscope.kernel.SelfAccounting;
import io.mountscope.model.MountKind;
import io.mountscope.model.MountTableSample;
import io.mountscope.probe.mounts.MountClassifier;
import io.mountscope.probe.mounts.MountEntry;
import io.mountscope.probe.mounts.MountInfoParser;
import io.mountscope.probe.mounts.MountTableSummary;
import io.mountscope.probe.mounts.NamespaceScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mount table, read without becoming the load. Every tick it counts the mounts with listmount
 * (where the kernel has it: no text formatting, ids only). The full read of mountinfo (timed: the
 * incident's slow hand-over), its breakdowns, the namespace scan and the leak checks cost as much
 * as the table is large, so they run only as often as a CPU budget allows: a pass that took C
 * seconds waits C / budgetShare before the next one (at least a second).
 */
public final class MountTableProbe {
  /** Share of one CPU the full passes may use on average. */
  public static final double DEFAULT_BUDGET_SHARE = 0.02;
  static final long MIN_DETAIL_INTERVAL_NANOS = 1_000_000_000L;
  /** Leak candidates kept at most (the oldest first). */
  static final int MAX_TRACKED = 1000;
  private static final String OWN_TABLE = "/proc/self/mountinfo";

  private final Path mountinfo;
  private final boolean live;
  /** listmount counts mountscope's own namespace: only right when that is the table read. */
  private final boolean countWithListmount;
  private final double budgetShare;
  private final NamespaceScanner namespaces;
  private byte[] buffer = new byte[1 << 20];
  private final Map<String, Long> firstSeen = new HashMap<>();
  private long nextDetailNanos;
  /**
   * The namespace scan reads a link per process: on a small table it was most of a detail pass.
   * Namespaces come and go with containers, seconds apart, so it runs every 5 s at most.
   */
  static final long NAMESPACE_INTERVAL_NANOS = 5_000_000_000L;
  private List<MountTableSample.Namespace> lastNamespaces;
  private long nextNamespaceNanos;
  private MountTableSample last;
  private boolean warmedUp;

  /**
   * The live table of mountscope's mount namespace, counted with listmount where available; or the
   * file MOUNTSCOPE_MOUNTINFO names (/proc/1/mountinfo: the host's table, from a container).
   */
  public MountTableProbe() {
    this(Path.of(mountinfoPath()), true, DEFAULT_BUDGET_SHARE);
  }

  /** The mountinfo file the live probe reads. */
  public static String mountinfoPath() {
    String env = System.getenv("MOUNTSCOPE_MOUNTINFO");
    return env == null || env.isBlank() ? OWN_TABLE : env.trim();
  }

  /** A probe of {@code mountinfo}; {@code live} adds listmount counts and the namespace scan. */
  public MountTableProbe(Path mountinfo, boolean live, double budgetShare) {
    this.mountinfo = mountinfo;
    this.live = live;
    this.countWithListmount = live && mountinfo.toString().equals(OWN_TABLE);
    this.budgetShare = budgetShare;
    this.namespaces = live ? new NamespaceScanner() : null;
  }

  /**
   * Loads the read path's classes on a tiny file, and JNA for listmount, so the first timed read
   * and the first namespace counts measure the kernel, not class loading. Done by the first read,
   * on the probe's own thread: in the constructor it held up the sampler's start (and so the
   * dashboard's first frame) while JNA started.
   */
  private void warmUp() {
    if (countWithListmount) {
      MountListing.supported();
    }
    try (InputStream in = Files.newInputStream(Path.of("/proc/self/stat"))) {
      in.read(buffer, 0, buffer.length);
    } catch (IOException ignored) {
      // the timed read will say what is wrong
    }
  }

  public MountTableSample read() throws IOException {
    if (!warmedUp) {
      warmUp();
      warmedUp = true;
    }
    long start = System.nanoTime();
    if (last == null || start >= nextDetailNanos) {
      last = detail(start);
      long cost = System.nanoTime() - start;
      nextDetailNanos = System.nanoTime() + Math.max(MIN_DETAIL_INTERVAL_NANOS, (long) (cost / budgetShare));
      return last;
    }
    if (countWithListmount && MountListing.supported()) {
      return withCount(last, MountListing.count(0), "listmount");
    }
    return last; // without listmount a count costs a full read: the last one stands, detailMonotonicNanos ages
  }

  private MountTableSample detail(long start) throws IOException {
    int length = readMountinfo();
    long readNanos = System.nanoTime() - start;
    long nowMillis = System.currentTimeMillis();
    List<MountTableSample.Tracked> tracked = new ArrayList<>();
    Map<String, Long> seenNow = new HashMap<>();
    MountTableSummary[] summary = new MountTableSummary[1];
    summary[0] = new MountTableSummary(e -> track(e, summary[0].lastKind(), nowMillis, seenNow, tracked));
    MountInfoParser.parse(buffer, length, mountinfo.toString(), summary[0]);
    firstSeen.keySet().retainAll(seenNow.keySet());
    firstSeen.putAll(seenNow);
    tracked.sort((a, b) -> Long.compare(a.firstSeenMillis(), b.firstSeenMillis()));
    List<MountTableSample.Namespace> ns = List.of();
    if (live) {
      if (lastNamespaces == null || System.nanoTime() >= nextNamespaceNanos) {
        // The namespace scan gets what remains of a tenth of a second after the table itself.
        lastNamespaces = namespaces.scan(Math.max(50_000_000L, 100_000_000L - (System.nanoTime() - start)));
        nextNamespaceNanos = System.nanoTime() + NAMESPACE_INTERVAL_NANOS;
      }
      ns = lastNamespaces;
    }
    long mounts = summary[0].mounts();
    String countedBy = "mountinfo";
    if (countWithListmount && MountListing.supported()) {
      mounts = MountListing.count(0);
      countedBy = "listmount";
    }
    return new MountTableSample(mounts, countedBy, readNanos, length, System.nanoTime(), summary[0].byFsType(),
        summary[0].byKind(), ns, List.copyOf(tracked.subList(0, Math.min(MAX_TRACKED, tracked.size()))));
  }

  private void track(MountEntry e, MountKind kind, long nowMillis, Map<String, Long> seenNow,
      List<MountTableSample.Tracked> tracked) {
    boolean temp = kind == MountKind.IDMAPPED_TEMP;
    boolean gone = live && MountClassifier.targetCheckable(kind) && !Files.exists(Path.of(e.mountPoint()));
    if (temp || gone) {
      String key = e.id() + "\u0000" + e.mountPoint();
      long first = firstSeen.getOrDefault(key, nowMillis);
      seenNow.put(key, first);
      tracked.add(new MountTableSample.Tracked(e.id(), e.mountPoint(), e.fsType(), kind.json(), first, !gone));
    }
  }

  /** Reads all of mountinfo into the reused buffer; returns its length. */
  private int readMountinfo() throws IOException {
    int n = 0;
    try (InputStream in = Files.newInputStream(mountinfo)) {
      while (true) {
        if (n == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int r = in.read(buffer, n, buffer.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    }
    SelfAccounting.mountinfoBytes(n);
    return n;
  }

  private static MountTableSample withCount(MountTableSample s, long mounts, String countedBy) {
    return new MountTableSample(mounts, countedBy, s.readNanos(), s.bytesRead(), s.detailMonotonicNanos(),
        s.byFsType(), s.byKind(), s.namespaces(), s.tracked());
  }
}
