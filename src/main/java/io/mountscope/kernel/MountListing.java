package io.mountscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.mountscope.util.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * listmount(2) and statmount(2), Linux 6.8+: the mounts of this thread's mount namespace by id,
 * and one mount's facts, without formatting and parsing all of /proc/self/mountinfo. On older
 * kernels {@link #supported()} is false and the calls throw an {@link UnavailableException}: read
 * mountinfo there.
 */
public final class MountListing {
  /** listmount's "the root of the caller's namespace". */
  public static final long LSMT_ROOT = -1L;
  static final int MNT_ID_REQ_SIZE_VER0 = 24;
  static final long STATMOUNT_MNT_BASIC = 0x2;
  static final long STATMOUNT_MNT_ROOT = 0x8;
  static final long STATMOUNT_MNT_POINT = 0x10;
  static final long STATMOUNT_FS_TYPE = 0x20;
  /** Bytes of struct statmount before its string area (the struct is padded to this size). */
  static final int STATMOUNT_STRINGS = 512;
  private static Boolean supported;

  /** One mount as statmount reports it; {@code oldId} is the id /proc/self/mountinfo shows. */
  public record Mount(long id, long parentId, int oldId, int oldParentId, String fsType, String root, String mountPoint) {}

  private MountListing() {}

  /** Whether this kernel has listmount and statmount. */
  public static synchronized boolean supported() {
    if (supported == null) {
      // A zero-sized request is EINVAL where the calls exist and ENOSYS where they do not.
      long rc = LibC.syscall(SyscallNumbers.LISTMOUNT, 0, 0, 0, 0, 0, 0);
      supported = !(rc < 0 && Native.getLastError() == Errno.ENOSYS);
    }
    return supported;
  }

  private static void require() {
    if (!supported()) {
      throw new UnavailableException("this kernel has no listmount/statmount (Linux 6.8+)",
          "read /proc/self/mountinfo instead");
    }
  }

  private static Memory request(long mntId, long param) {
    Memory req = new Memory(MNT_ID_REQ_SIZE_VER0);
    req.clear();
    req.setInt(0, MNT_ID_REQ_SIZE_VER0);
    req.setLong(8, mntId);
    req.setLong(16, param);
    return req;
  }

  /** The unique ids of every mount reachable from this thread's root, in id order. */
  public static long[] list() {
    require();
    long[] all = new long[0];
    long last = 0;
    Memory ids = new Memory(8L * 4096);
    while (true) {
      long n = Syscalls.check(LibC.syscall(SyscallNumbers.LISTMOUNT, Pointer.nativeValue(request(LSMT_ROOT, last)),
          Pointer.nativeValue(ids), 4096, 0, 0, 0), "listmount", null);
      int old = all.length;
      all = Arrays.copyOf(all, old + (int) n);
      for (int i = 0; i < n; i++) {
        all[old + i] = ids.getLong(8L * i);
      }
      if (n < 4096) {
        return all;
      }
      last = all[all.length - 1]; // resume after the last id
    }
  }

  /** Facts of the mount with unique id {@code id}: ids, filesystem type, root and mount point. */
  public static Mount stat(long id) {
    require();
    long mask = STATMOUNT_MNT_BASIC | STATMOUNT_FS_TYPE | STATMOUNT_MNT_ROOT | STATMOUNT_MNT_POINT;
    for (int size = 4096; ; size *= 4) {
      Memory buf = new Memory(size);
      buf.clear();
      long rc = LibC.syscall(SyscallNumbers.STATMOUNT, Pointer.nativeValue(request(id, mask)), Pointer.nativeValue(buf),
          size, 0, 0, 0);
      if (rc < 0) {
        int errno = Native.getLastError();
        if (errno == Errno.EOVERFLOW && size < (1 << 24)) {
          continue; // strings did not fit
        }
        throw new SyscallException("statmount", "mount id " + id, errno);
      }
      return new Mount(buf.getLong(40), buf.getLong(48), buf.getInt(56), buf.getInt(60),
          string(buf, buf.getInt(36)), string(buf, buf.getInt(104)), string(buf, buf.getInt(108)));
    }
  }

  private static String string(Memory buf, int offset) {
    long at = STATMOUNT_STRINGS + (long) offset;
    int len = 0;
    while (at + len < buf.size() && buf.getByte(at + len) != 0) {
      len++;
    }
    return new String(buf.getByteArray(at, len), StandardCharsets.UTF_8);
  }
}
