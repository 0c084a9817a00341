package io.mountscope.kernel;

import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Kernel symbols from /proc/kallsyms, core kernel and modules, sorted by address for
 * symbol+offset lookup of callchain addresses. Only text symbols (t, T, w, W) are kept: callchains
 * point into code. A symbol ends where the next one starts, as perf assumes. Names stay as bytes of
 * the file until looked up, so loading 100,000+ symbols costs little.
 */
public final class Kallsyms {
  private final byte[] text;
  private final long[] addr;
  private final int[] nameStart;
  private final short[] nameLength;
  private final int[] moduleStart; // -1 for the core kernel
  private final long lockTextStart;
  private final long lockTextEnd;
  private final long schedTextStart;
  private final long schedTextEnd;

  /** How long {@link #shared()} keeps a loaded table: modules come and go rarely. */
  private static final long SHARED_MAX_AGE_NANOS = 600_000_000_000L;
  private static Kallsyms shared;
  private static long sharedAt;

  private Kallsyms(byte[] text, long[] addr, int[] nameStart, short[] nameLength, int[] moduleStart) {
    this.text = text;
    this.addr = addr;
    this.nameStart = nameStart;
    this.nameLength = nameLength;
    this.moduleStart = moduleStart;
    this.lockTextStart = addressOf("__lock_text_start");
    this.lockTextEnd = addressOf("__lock_text_end");
    this.schedTextStart = addressOf("__sched_text_start");
    this.schedTextEnd = addressOf("__sched_text_end");
  }

  /** The table loaded at most ten minutes ago, shared by every collector of the process. */
  public static synchronized Kallsyms shared() {
    if (shared == null || System.nanoTime() - sharedAt > SHARED_MAX_AGE_NANOS) {
      shared = load();
      sharedAt = System.nanoTime();
    }
    return shared;
  }

  /** Loads /proc/kallsyms; an {@link UnavailableException} when kptr_restrict hides the addresses. */
  public static Kallsyms load() {
    return load(Path.of("/proc/kallsyms"));
  }

  public static Kallsyms load(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readAllBytes(); // streamed: procfs reports size 0
    } catch (IOException e) {
      throw new UnavailableException(file + " is unreadable (" + e.getMessage() + "), so kernel stacks cannot be named",
          "run mountscope as root", e);
    }
    Kallsyms k = parse(bytes);
    if (k.addr.length == 0) {
      throw hidden(file, Procfs.readLong("/proc/sys/kernel/kptr_restrict").orElse(-1L),
          Procfs.readLong("/proc/sys/kernel/perf_event_paranoid").orElse(-1L));
    }
    return k;
  }

  /**
   * Why the kernel shows zeros, by its rule (kallsyms_show_value): kptr_restrict 0 shows addresses
   * to everyone when perf_event_paranoid <= 1, else only with CAP_SYSLOG; 1 only with CAP_SYSLOG;
   * 2 to nobody.
   */
  static UnavailableException hidden(Path file, long restrict, long paranoid) {
    String what = file + " hides kernel addresses (kernel.kptr_restrict=" + restrict + ", kernel.perf_event_paranoid="
        + paranoid + "), so kernel stacks cannot be named";
    if (restrict >= 2) {
      return new UnavailableException(what, "sysctl -w kernel.kptr_restrict=1 and run mountscope as root");
    }
    if (restrict == 1) {
      return new UnavailableException(what, "run mountscope as root (CAP_SYSLOG), or sysctl -w kernel.kptr_restrict=0");
    }
    return new UnavailableException(what, "run mountscope as root (CAP_SYSLOG), or sysctl -w kernel.perf_event_paranoid=1");
  }

  /** Parses kallsyms text: "ffffffff81000000 T _stext" with an optional "\t[module]". Zero addresses are dropped. */
  public static Kallsyms parse(byte[] b) {
    int lines = 0;
    for (byte c : b) {
      if (c == '\n') {
        lines++;
      }
    }
    long[] addr = new long[lines + 1];
    int[] start = new int[lines + 1];
    short[] length = new short[lines + 1];
    int[] module = new int[lines + 1];
    int n = 0;
    int p = 0;
    boolean sorted = true;
    while (p < b.length) {
      int eol = p;
      while (eol < b.length && b[eol] != '\n') {
        eol++;
      }
      long a = 0;
      int q = p;
      for (; q < eol && b[q] != ' '; q++) {
        a = (a << 4) | Character.digit(b[q], 16);
      }
      if (q + 3 < eol && a != 0) {
        char type = (char) b[q + 1];
        if (type == 't' || type == 'T' || type == 'w' || type == 'W') {
          int ns = q + 3;
          int ne = ns;
          while (ne < eol && b[ne] != '\t' && b[ne] != ' ') {
            ne++;
          }
          int ms = -1;
          if (ne + 1 < eol && b[ne + 1] == '[') {
            ms = ne + 2;
          }
          if (n > 0 && Long.compareUnsigned(a, addr[n - 1]) < 0) {
            sorted = false;
          }
          addr[n] = a;
          start[n] = ns;
          length[n] = (short) Math.min(ne - ns, Short.MAX_VALUE);
          module[n] = ms;
          n++;
        }
      }
      p = eol + 1;
    }
    addr = Arrays.copyOf(addr, n);
    start = Arrays.copyOf(start, n);
    length = Arrays.copyOf(length, n);
    module = Arrays.copyOf(module, n);
    if (!sorted) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      long[] key = addr;
      Arrays.sort(order, (x, y) -> Long.compareUnsigned(key[x], key[y]));
      long[] a2 = new long[n];
      int[] s2 = new int[n];
      short[] l2 = new short[n];
      int[] m2 = new int[n];
      for (int i = 0; i < n; i++) {
        a2[i] = addr[order[i]];
        s2[i] = start[order[i]];
        l2[i] = length[order[i]];
        m2[i] = module[order[i]];
      }
      addr = a2;
      start = s2;
      length = l2;
      module = m2;
    }
    return new Kallsyms(b, addr, start, length, module);
  }

  /** Number of text symbols loaded. */
  public int size() {
    return addr.length;
  }

  /** Index of the symbol containing {@code address}, or -1 below the first symbol. */
  public int indexOf(long address) {
    int lo = 0;
    int hi = addr.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(addr[mid], address) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  public String name(int index) {
    return new String(text, nameStart[index], nameLength[index], StandardCharsets.US_ASCII);
  }

  /** The module a symbol belongs to, or null for the core kernel. */
  public String module(int index) {
    int ms = moduleStart[index];
    if (ms < 0) {
      return null;
    }
    int end = ms;
    while (end < text.length && text[end] != ']') {
      end++;
    }
    return new String(text, ms, end - ms, StandardCharsets.US_ASCII);
  }

  public long address(int index) {
    return addr[index];
  }

  /** The symbol's name containing {@code address}, or null when it is below every symbol. */
  public String symbol(long address) {
    int i = indexOf(address);
    return i < 0 ? null : name(i);
  }

  /** "namespace_unlock+0x289" as perf prints callers; just the name at offset 0; null when unknown. */
  public String symbolOffset(long address) {
    int i = indexOf(address);
    if (i < 0) {
      return null;
    }
    long off = address - addr[i];
    return off == 0 ? name(i) : name(i) + "+0x" + Long.toHexString(off);
  }

  /**
   * Whether the address is in the kernel's locking code: the lock text section (spinlocks) or the
   * scheduler text section (mutex and rwsem slow paths). perf lock contention skips these frames
   * to find a lock's caller.
   */
  public boolean isLockFunction(long address) {
    return in(address, schedTextStart, schedTextEnd) || in(address, lockTextStart, lockTextEnd);
  }

  private static boolean in(long a, long start, long end) {
    return start != 0 && Long.compareUnsigned(a, start) >= 0 && Long.compareUnsigned(a, end) < 0;
  }

  private long addressOf(String symbol) {
    byte[] want = symbol.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < addr.length; i++) {
      if (nameLength[i] == want.length && moduleStart[i] < 0
          && Arrays.equals(text, nameStart[i], nameStart[i] + want.length, want, 0, want.length)) {
        return addr[i];
      }
    }
    return 0;
  }
}
