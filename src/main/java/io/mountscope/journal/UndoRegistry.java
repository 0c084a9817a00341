package io.mountscope.journal;

import io.mountscope.kernel.Errno;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.Syscalls;
import com.sun.jna.Native;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link UndoAction} rolls back which kind of change. {@link #standard()} knows the kinds
 * mountscope itself makes; recipe actuators and plugins register theirs with {@link #register}.
 */
public final class UndoRegistry {
  /** A mount made on {@code target}: undone by detaching every mount stacked there. */
  public static final String MOUNT = "mount";
  /** A directory created at {@code target}: undone by removing it if it is empty. */
  public static final String DIRECTORY = "directory";

  private static final int MAX_STACKED = 10_000;
  private final Map<String, UndoAction> actions = new LinkedHashMap<>();

  public static UndoRegistry standard() {
    return new UndoRegistry().register(MOUNT, UndoRegistry::unmount).register(DIRECTORY, UndoRegistry::removeDirectory);
  }

  public UndoRegistry register(String kind, UndoAction action) {
    actions.put(kind, action);
    return this;
  }

  public Optional<UndoAction> forKind(String kind) {
    return Optional.ofNullable(actions.get(kind));
  }

  public Set<String> kinds() {
    return actions.keySet();
  }

  /** Detaches (MNT_DETACH) every mount on the target; whatever was mounted beneath goes with it. */
  static String unmount(JournalEntry.Change c) {
    String target = c.target();
    long beneath = MountPoints.atOrBelow(target) - MountPoints.on(target);
    int n = 0;
    while (MountPoints.on(target) > 0 && n < MAX_STACKED) {
      if (LibC.umount2(target, Syscalls.MNT_DETACH) < 0) {
        int errno = Native.getLastError();
        if (errno == Errno.EINVAL || errno == Errno.ENOENT) {
          break; // unmounted by someone else meanwhile
        }
        throw new SyscallException("umount2", target, errno);
      }
      n++;
    }
    if (n == 0) {
      return "not mounted";
    }
    return "unmounted " + n + (beneath > 0 ? " (and " + beneath + " beneath)" : "");
  }

  /** Removes the directory if it is empty; a non-empty one is left in place, and the undo fails. */
  static String removeDirectory(JournalEntry.Change c) throws Exception {
    Path dir = Path.of(c.target());
    if (!Files.exists(dir)) {
      return "already gone";
    }
    if (MountPoints.on(c.target()) > 0) {
      throw new IllegalStateException(dir + " is still a mount point");
    }
    try {
      Files.delete(dir);
    } catch (DirectoryNotEmptyException e) {
      throw new IllegalStateException(dir + " is not empty: left in place", e);
    }
    return "removed";
  }
}
