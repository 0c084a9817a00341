package io.mountscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * listmount(2) and statmount(2) (Linux 6.8+; other namespaces by id since 6.11): count and describe
 * mounts without the kernel formatting all of mountinfo. {@link #available()} says whether this
 * kernel has them; callers fall back to reading mountinfo when it does not. Every call is counted
 * in {@link SelfAccounting}.
 */
public final class MountListing {
  /** listmount's "all mounts of the namespace" start. */
  public static final long LSMT_ROOT = 0xffffffffffffffffL;
  public static final long STATMOUNT_SB_BASIC = 0x1;
  public static final long STATMOUNT_MNT_BASIC = 0x2;
  public static final long STATMOUNT_MNT_ROOT = 0x8;
  public static final long STATMOUNT_MNT_POINT = 0x10;
  public static final long STATMOUNT_FS_TYPE = 0x20;
  public static final long STATMOUNT_MNT_OPTS = 0x80;
  public static final long STATMOUNT_SB_SOURCE = 0x200;
  /** NS_GET_MNTNS_ID = _IOR(0xb7, 0x5, __u64): the 64-bit id of a mount namespace fd (6.11+). */
  static final long NS_GET_MNTNS_ID = 0x8008b705L;
  static final int MNT_ID_REQ_SIZE_VER0 = 24;
  static final int MNT_ID_REQ_SIZE_VER1 = 32;
  /** struct statmount's fixed part; string fields are offsets into what follows it. */
  static final int STATMOUNT_HEADER = 512;
  private static final int PAGE = 4096;
  private static volatile Boolean available;

  private MountListing() {}

  /** Whether listmount and statmount work here (probed once: ENOSYS or EPERM mean no). */
  public static boolean available() {
    Boolean a = available;
    if (a == null) {
      try {
        listPage(0, 0, new Memory(8), 1);
        a = true;
      } catch (SyscallException e) {
        a = false;
      }
      available = a;
    }
    return a;
  }

  /** Mount ids (64-bit, never reused) of every mount in the namespace {@code nsId} (0: our own). */
  public static long[] list(long nsId) {
    Memory buf = new Memory(8L * PAGE);
    long[] ids = new long[PAGE];
    int n = 0;
    long last = 0;
    while (true) {
      int got = listPage(nsId, last, buf, PAGE);
      if (n + got > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 2, n + got));
      }
      buf.read(0, ids, n, got);
      n += got;
      if (got < PAGE) {
        return Arrays.copyOf(ids, n);
      }
      last = ids[n - 1];
    }
  }

  /** How many mounts the namespace {@code nsId} (0: our own) has. */
  public static long count(long nsId) {
    return list(nsId).length;
  }

  private static int listPage(long nsId, long after, Memory buf, int max) {
    Memory req = request(nsId, LSMT_ROOT, after);
    SelfAccounting.mountSyscalls(1);
    return (int) Syscalls.check(LibC.syscall(SyscallNumbers.LISTMOUNT, Pointer.nativeValue(req),
        Pointer.nativeValue(buf), max, 0, 0, 0), "listmount", nsId == 0 ? null : "mnt ns " + nsId);
  }

  /** The 64-bit id of the mount namespace open at {@code nsFd} (a /proc/PID/ns/mnt fd), for {@link #list}. */
  public static long namespaceId(int nsFd) {
    Memory id = new Memory(8);
    id.setLong(0, 0);
    Syscalls.check(LibC.ioctl(nsFd, NS_GET_MNTNS_ID, Pointer.nativeValue(id)), "ioctl", "NS_GET_MNTNS_ID");
    return id.getLong(0);
  }

  /** What statmount tells of one mount; strings are as the kernel gives them (not escaped). */
  public record Mount(long id, long parentId, int oldId, int oldParentId, long attributes, int devMajor,
      int devMinor, String fsType, String root, String mountPoint, String options, String source) {

    /** MOUNT_ATTR_IDMAP is set. */
    public boolean idmapped() {
      return (attributes & MountApi.MOUNT_ATTR_IDMAP) != 0;
    }
  }

  /** One mount by its 64-bit id, or empty when it went away in between. */
  public static Optional<Mount> stat(long mountId, Memory buffer) {
    long mask = STATMOUNT_SB_BASIC | STATMOUNT_MNT_BASIC | STATMOUNT_MNT_ROOT | STATMOUNT_MNT_POINT
        | STATMOUNT_FS_TYPE | STATMOUNT_MNT_OPTS | STATMOUNT_SB_SOURCE;
    Memory req = request(0, mountId, mask);
    SelfAccounting.mountSyscalls(1);
    long rc = LibC.syscall(SyscallNumbers.STATMOUNT, Pointer.nativeValue(req), Pointer.nativeValue(buffer),
        buffer.size(), 0, 0, 0);
    if (rc < 0) {
      int errno = Native.getLastError();
      if (errno == Errno.ENOENT) {
        return Optional.empty();
      }
      if (errno == Errno.EOVERFLOW && buffer.size() < (16L << 20)) {
        return stat(mountId, new Memory(buffer.size() * 8)); // very long overlay options
      }
      throw new SyscallException("statmount", "mount " + Long.toHexString(mountId), errno);
    }
    long got = buffer.getLong(8);
    return Optional.of(new Mount(buffer.getLong(40), buffer.getLong(48), buffer.getInt(56), buffer.getInt(60),
        buffer.getLong(64), buffer.getInt(16), buffer.getInt(20),
        string(buffer, got, STATMOUNT_FS_TYPE, 36), string(buffer, got, STATMOUNT_MNT_ROOT, 104),
        string(buffer, got, STATMOUNT_MNT_POINT, 108), string(buffer, got, STATMOUNT_MNT_OPTS, 4),
        string(buffer, got, STATMOUNT_SB_SOURCE, 124)));
  }

  /** A statmount result buffer; {@link #stat} retries with a larger one for very long overlay options. */
  public static Memory buffer() {
    return new Memory(64 * 1024);
  }

  private static String string(Memory buf, long gotMask, long bit, int offsetField) {
    if ((gotMask & bit) == 0) {
      return "";
    }
    long start = STATMOUNT_HEADER + Integer.toUnsignedLong(buf.getInt(offsetField));
    return start < buf.size() ? buf.getString(start, StandardCharsets.UTF_8.name()) : "";
  }

  private static Memory request(long nsId, long mountId, long param) {
    Memory req = new Memory(MNT_ID_REQ_SIZE_VER1);
    req.clear();
    req.setInt(0, nsId == 0 ? MNT_ID_REQ_SIZE_VER0 : MNT_ID_REQ_SIZE_VER1);
    req.setLong(8, mountId);
    req.setLong(16, param);
    req.setLong(24, nsId);
    return req;
  }
}
