package io.mountscope.kernel.perf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.SyscallNumbers;
import io.mountscope.kernel.Syscalls;

/**
 * One open perf event: the fd perf_event_open returned, with its ioctls and reads. Failures are
 * {@link SyscallException}s naming the event and CPU; {@link PerfErrors} turns them into advice.
 */
public final class PerfEvent implements AutoCloseable {
  static final int PERF_FLAG_FD_CLOEXEC = 8;
  // _IO('$', n), _IOW('$', n, __u64), _IOR('$', n, __u64 *) as the uapi header defines them.
  static final long IOC_ENABLE = 0x2400;
  static final long IOC_DISABLE = 0x2401;
  static final long IOC_RESET = 0x2403;
  static final long IOC_SET_OUTPUT = 0x2405;
  static final long IOC_ID = 0x80082407L;
  static final long IOC_FLAG_GROUP = 1;

  private final int fd;
  private final String name;
  private final int cpu;
  private final PerfEventAttr attr;
  private Memory readBuf; // only counting events are read; allocated on first read

  private PerfEvent(int fd, String name, int cpu, PerfEventAttr attr) {
    this.fd = fd;
    this.name = name;
    this.cpu = cpu;
    this.attr = attr;
  }

  /**
   * perf_event_open(attr, pid, cpu, group, FD_CLOEXEC). {@code pid} -1 with a CPU counts every task
   * on that CPU; {@code group} may be null (a leader of its own).
   */
  public static PerfEvent open(PerfEventAttr attr, String name, int pid, int cpu, PerfEvent group) {
    Memory a = attr.toNative();
    long fd = LibC.syscall(SyscallNumbers.PERF_EVENT_OPEN, Pointer.nativeValue(a), pid, cpu,
        group == null ? -1 : group.fd, PERF_FLAG_FD_CLOEXEC, 0);
    if (fd < 0) {
      throw new SyscallException("perf_event_open", name + (cpu >= 0 ? " on CPU " + cpu : ""), Native.getLastError());
    }
    return new PerfEvent((int) fd, name, cpu, attr);
  }

  public int fd() {
    return fd;
  }

  public String name() {
    return name;
  }

  public int cpu() {
    return cpu;
  }

  public PerfEventAttr attr() {
    return attr;
  }

  /** Starts counting (with {@code group}, the whole group this event leads). */
  public void enable(boolean group) {
    ioctl(IOC_ENABLE, group ? IOC_FLAG_GROUP : 0, "PERF_EVENT_IOC_ENABLE");
  }

  public void disable(boolean group) {
    ioctl(IOC_DISABLE, group ? IOC_FLAG_GROUP : 0, "PERF_EVENT_IOC_DISABLE");
  }

  public void reset(boolean group) {
    ioctl(IOC_RESET, group ? IOC_FLAG_GROUP : 0, "PERF_EVENT_IOC_RESET");
  }

  /** The kernel's id of this event, as PERF_SAMPLE_IDENTIFIER reports it in records. */
  public long id() {
    Memory m = new Memory(8);
    ioctl(IOC_ID, Pointer.nativeValue(m), "PERF_EVENT_IOC_ID");
    return m.getLong(0);
  }

  /** Sends this event's records to {@code ring}'s buffer (same CPU), so one mmap serves several events. */
  public void outputTo(PerfEvent ring) {
    ioctl(IOC_SET_OUTPUT, ring.fd, "PERF_EVENT_IOC_SET_OUTPUT");
  }

  /** The count of a single event (read_format 0). */
  public long readCount() {
    readExactly(8);
    return readBuf.getLong(0);
  }

  /**
   * The counts of a group this event leads (read_format GROUP, no times or ids): {@code values[i]}
   * is the i-th member in opening order, the leader first.
   */
  public void readGroup(long[] values) {
    int n = values.length;
    readExactly(8L * (n + 1));
    long nr = readBuf.getLong(0);
    if (nr != n) {
      throw new IllegalStateException(name + ": group read returned " + nr + " values, expected " + n);
    }
    for (int i = 0; i < n; i++) {
      values[i] = readBuf.getLong(8L * (i + 1));
    }
  }

  private void readExactly(long bytes) {
    if (readBuf == null) {
      readBuf = new Memory(8 * 66);
    }
    if (bytes > readBuf.size()) {
      throw new IllegalArgumentException("group too large: " + bytes + " bytes");
    }
    long got = LibC.read(fd, readBuf, bytes);
    if (got < 0) {
      throw new SyscallException("read", "perf event " + name, Native.getLastError());
    }
    if (got != bytes) {
      throw new IllegalStateException("read of perf event " + name + " returned " + got + " bytes, expected " + bytes);
    }
  }

  private void ioctl(long request, long arg, String what) {
    Syscalls.check(LibC.ioctl(fd, request, arg), "ioctl", what + " on " + name);
  }

  @Override
  public void close() {
    Syscalls.close(fd);
  }
}
