package io.mountscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.mountscope.util.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * listmount(2) and statmount(2) (Linux 6.8+; other namespaces by id since 6.11): list, count and
 * describe mounts without the kernel formatting all of mountinfo. On older kernels
 * {@link #supported()} is false and the calls throw an {@link UnavailableException}: read
 * mountinfo there. Every call is counted in {@link SelfAccounting}.
 */
public final class MountListing {
  /** listmount's "all mounts of the namespace" start. */
  public static final long LSMT_ROOT = -1L;
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
  /** Bytes of struct statmount before its string area (the struct is padded to this size). */
  static final int STATMOUNT_STRINGS = 512;
  private static final int PAGE = 4096;
  private static Boolean supported;

  private MountListing() {}

  /** Whether this kernel has listmount and statmount (and seccomp lets us call them). */
  public static synchronized boolean supported() {
    if (supported == null) {
      // A zero-sized request is EINVAL where the calls exist, ENOSYS where they do not.
      long rc = LibC.syscall(SyscallNumbers.LISTMOUNT, 0, 0, 0, 0, 0, 0);
      int errno = rc < 0 ? Native.getLastError() : 0;
      supported = !(rc < 0 && (errno == Errno.ENOSYS || errno == Errno.EPERM));
    }
    return supported;
  }

  private static void require() {
    if (!supported()) {
      throw new UnavailableException("this kernel has no listmount/statmount (Linux 6.8+)",
          "read /proc/self/mountinfo instead");
    }
  }

  /** The unique ids of every mount reachable from this thread's root, in id order. */
  public static long[] list() {
    return list(0);
  }

  /** Mount ids (64-bit, never reused) of every mount in the namespace {@code nsId} (0: our own), in id order. */
  public static long[] list(long nsId) {
    require();
    Memory buf = new Memory(8L * PAGE);
    long[] ids = new long[PAGE];
    int n = 0;
    long last = 0;
    while (true) {
      Memory req = request(nsId, LSMT_ROOT, last);
      SelfAccounting.mountSyscalls(1);
      int got = (int) Syscalls.check(LibC.syscall(SyscallNumbers.LISTMOUNT, Pointer.nativeValue(req),
          Pointer.nativeValue(buf), PAGE, 0, 0, 0), "listmount", nsId == 0 ? null : "mnt ns " + nsId);
      if (n + got > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 2, n + got));
      }
      buf.read(0, ids, n, got);
      n += got;
      if (got < PAGE) {
        return Arrays.copyOf(ids, n);
      }
      last = ids[n - 1]; // resume after the last id
    }
  }

  /** How many mounts the namespace {@code nsId} (0: our own) has. */
  public static long count(long nsId) {
    return list(nsId).length;
  }

  /** The 64-bit id of the mount namespace open at {@code nsFd} (a /proc/PID/ns/mnt fd), for {@link #list(long)}. */
  public static long namespaceId(int nsFd) {
    Memory id = new Memory(8);
    id.setLong(0, 0);
    Syscalls.check(LibC.ioctl(nsFd, NS_GET_MNTNS_ID, Pointer.nativeValue(id)), "ioctl", "NS_GET_MNTNS_ID");
    return id.getLong(0);
  }

  /**
   * One mount as statmount reports it; {@code oldId} is the id /proc/self/mountinfo shows.
   * Strings are as the kernel gives them (not escaped).
   */
  public record Mount(long id, long parentId, int oldId, int oldParentId, long attributes, int devMajor,
      int devMinor, String fsType, String root, String mountPoint, String options, String source) {

    /** MOUNT_ATTR_IDMAP is set. */
    public boolean idmapped() {
      return (attributes & MountApi.MOUNT_ATTR_IDMAP) != 0;
    }
  }

  /** Facts of the mount with unique id {@code id}; a SyscallException (ENOENT) when it is gone. */
  public static Mount stat(long id) {
    return stat(id, buffer()).orElseThrow(() -> new SyscallException("statmount", "mount id " + id, Errno.ENOENT));
  }

  /** One mount by its 64-bit id into {@code buffer}, or empty when it went away in between. */
  public static Optional<Mount> stat(long mountId, Memory buffer) {
    require();
    long mask = STATMOUNT_SB_BASIC | STATMOUNT_MNT_BASIC | STATMOUNT_MNT_ROOT | STATMOUNT_MNT_POINT
        | STATMOUNT_FS_TYPE | STATMOUNT_MNT_OPTS | STATMOUNT_SB_SOURCE;
    Memory req = request(0, mountId, mask);
    SelfAccounting.mountSyscalls(1);
    buffer.clear();
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
      throw new SyscallException("statmount", "mount id " + mountId, errno);
    }
    long got = buffer.getLong(8);
    return Optional.of(new Mount(buffer.getLong(40), buffer.getLong(48), buffer.getInt(56), buffer.getInt(60),
        buffer.getLong(64), buffer.getInt(16), buffer.getInt(20),
        string(buffer, got, STATMOUNT_FS_TYPE, 36), string(buffer, got, STATMOUNT_MNT_ROOT, 104),
        string(buffer, got, STATMOUNT_MNT_POINT, 108), string(buffer, got, STATMOUNT_MNT_OPTS, 4),
        string(buffer, got, STATMOUNT_SB_SOURCE, 124)));
  }

  /** A statmount result buffer; {@link #stat(long, Memory)} retries with a larger one for very long options. */
  public static Memory buffer() {
    return new Memory(64 * 1024);
  }

  private static String string(Memory buf, long gotMask, long bit, int offsetField) {
    if ((gotMask & bit) == 0) {
      return "";
    }
    long start = STATMOUNT_STRINGS + Integer.toUnsignedLong(buf.getInt(offsetField));
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
