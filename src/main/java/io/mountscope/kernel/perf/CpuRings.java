package io.mountscope.kernel.perf;

import com.sun.jna.Memory;
import io.mountscope.kernel.LibC;
import io.mountscope.util.Fmt;
import io.mountscope.util.Procfs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampling events opened on every CPU, system-wide, with the records of all events of a CPU
 * multiplexed into one ring buffer per CPU (PERF_EVENT_IOC_SET_OUTPUT): one mmap and one poll
 * entry per CPU however many events there are. Events are identified in records by
 * PERF_SAMPLE_IDENTIFIER, mapped back with {@link #specOf(long)}.
 */
public final class CpuRings implements AutoCloseable {
  private static final short POLLIN = 1;
  private static final short POLLERR = 0x8;
  private static final short POLLHUP = 0x10;
  private static final short POLLNVAL = 0x20;

  /** An event to open on every CPU: a name for messages and its attributes (opened disabled). */
  public record Spec(String name, PerfEventAttr attr) {}

  private final List<PerfEvent> events = new ArrayList<>();
  private final List<PerfEvent> owners = new ArrayList<>();
  private final List<RingBuffer> rings = new ArrayList<>();
  private final Map<Long, Integer> specById = new HashMap<>();
  private Memory pollFds;
  /** An eventfd polled with the rings, so {@link #wake()} ends an {@link #await} at once. */
  private int wakeFd = -1;

  private CpuRings() {}

  /**
   * Opens every spec on every CPU of {@code cpus} with rings of {@code dataPages} pages (a power of
   * two). All specs must share one sample_type. On failure everything opened so far is closed.
   */
  public static CpuRings open(List<Integer> cpus, List<Spec> specs, int dataPages) {
    long sampleType = specs.get(0).attr().sampleType();
    for (Spec s : specs) {
      if (s.attr().sampleType() != sampleType) {
        throw new IllegalArgumentException("events sharing a ring need one sample_type: " + s.name());
      }
      s.attr().set(PerfEventAttr.DISABLED);
    }
    CpuRings r = new CpuRings();
    try {
      for (int cpu : cpus) {
        PerfEvent owner = null;
        for (int i = 0; i < specs.size(); i++) {
          Spec s = specs.get(i);
          PerfEvent e = PerfEvent.open(s.attr(), s.name(), -1, cpu, null);
          r.events.add(e);
          if (owner == null) {
            owner = e;
            r.owners.add(e);
            r.rings.add(RingBuffer.map(e, dataPages));
          } else {
            e.outputTo(owner);
          }
          r.specById.put(e.id(), i);
        }
      }
      r.wakeFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
      r.pollFds = new Memory(8L * (r.rings.size() + 1));
      r.pollFds.clear();
      for (int i = 0; i < r.owners.size(); i++) {
        r.pollFds.setInt(8L * i, r.owners.get(i).fd());
        r.pollFds.setShort(8L * i + 4, POLLIN);
      }
      r.pollFds.setInt(8L * r.rings.size(), r.wakeFd); // -1 (ignored by poll) if eventfd failed
      r.pollFds.setShort(8L * r.rings.size() + 4, POLLIN);
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** The CPUs the kernel has online now (/sys/devices/system/cpu/online). */
  public static List<Integer> onlineCpus() {
    return Fmt.parseCpuList(Procfs.read("/sys/devices/system/cpu/online").orElse("0"));
  }

  /** Data pages for about {@code bytes} per CPU: a power of two, at least 1. */
  public static int pagesFor(long bytes) {
    long pages = Math.max(1, bytes / LibC.getpagesize());
    return Integer.highestOneBit((int) Math.min(pages, 1 << 16));
  }

  /** Index of the spec an event id (from PERF_SAMPLE_IDENTIFIER) belongs to, or -1. */
  public int specOf(long id) {
    Integer i = specById.get(id);
    return i == null ? -1 : i;
  }

  public void enable() {
    for (PerfEvent e : events) {
      e.enable(false);
    }
  }

  public void disable() {
    for (PerfEvent e : events) {
      e.disable(false);
    }
  }

  /** Waits up to {@code timeoutMillis} for a ring to pass its wakeup watermark, or for {@link #wake()}. */
  public void await(int timeoutMillis) {
    int ready = LibC.poll(pollFds, rings.size() + 1, timeoutMillis); // EINTR or a timeout both mean: drain now
    if (ready > 0 && wakeFd >= 0 && (pollFds.getShort(8L * rings.size() + 6) & POLLIN) != 0) {
      LibC.read(wakeFd, new byte[8], 8); // resets the counter
    }
    for (int i = 0; ready > 0 && i < rings.size(); i++) {
      short revents = pollFds.getShort(8L * i + 6);
      if ((revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
        // The event is gone (its CPU went offline): stop polling it, or poll would return at once forever.
        pollFds.setInt(8L * i, -1);
      }
    }
  }

  /** Ends a waiting {@link #await} now (the collector is closing). */
  public void wake() {
    if (wakeFd >= 0) {
      LibC.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
    }
  }

  /** Hands every published record of every CPU's ring to {@code sink}; returns how many. */
  public int drain(RingBuffer.RecordSink sink) {
    int n = 0;
    for (RingBuffer r : rings) {
      n += r.drain(sink);
    }
    return n;
  }

  /** Headers that made no sense, over all rings (a bug if ever non-zero). */
  public long corruptRecords() {
    return rings.stream().mapToLong(RingBuffer::corruptRecords).sum();
  }

  public int cpus() {
    return rings.size();
  }

  @Override
  public void close() {
    for (RingBuffer r : rings) {
      r.close();
    }
    for (PerfEvent e : events) {
      e.close();
    }
    if (wakeFd >= 0) {
      LibC.close(wakeFd);
      wakeFd = -1;
    }
  }
}
