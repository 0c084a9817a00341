package io.mountscope.recipe.actuator;

import com.sun.jna.Native;
import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.kernel.Errno;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.Syscalls;
import io.mountscope.recipe.workload.MountTable;
import io.mountscope.util.InputException;
import java.util.List;

/**
 * Removes a mount left behind (the leaked-mounts step). The old value is the mount as
 * mountinfo showed it, for the record: a removed leaked mount is not mounted again by a rollback
 * (there is nothing sound to mount it from), which the undo says in so many words.
 */
public final class UnmountActuator implements Actuator {
  public static final String NAME = "umount";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe() {
    return "target: a mount point; value: absent (every mount stacked there is detached; never mounted again)";
  }

  @Override
  public Plan plan(String target, String value) {
    if (!"absent".equals(value)) {
      throw new InputException("umount: the value is 'absent', not '" + value + "'");
    }
    List<MountTable.Mount> on = MountTable.self().stream().filter(m -> m.mountPoint().equals(target)).toList();
    if (on.isEmpty()) {
      throw new InputException("umount: nothing is mounted on " + target);
    }
    String was = on.stream().map(MountTable.Mount::describe).reduce((a, b) -> a + "; " + b).orElse("");
    return new Plan(List.of(new Intent(NAME, target, was, "absent", "leaked mount")), "unmount " + target + " (" + was + ")");
  }

  @Override
  public String apply(Intent intent) {
    int n = 0;
    while (MountTable.self().stream().anyMatch(m -> m.mountPoint().equals(intent.target()))) {
      if (LibC.umount2(intent.target(), Syscalls.MNT_DETACH) < 0) {
        int errno = Native.getLastError();
        if (errno == Errno.EINVAL || errno == Errno.ENOENT) {
          break;
        }
        throw new SyscallException("umount2", intent.target(), errno);
      }
      n++;
    }
    return "detached " + n + " mount" + (n == 1 ? "" : "s");
  }

  @Override
  public String undo(JournalEntry.Change change) {
    return "left unmounted: a removed leaked mount is not mounted again (it was: " + change.oldValue() + ")";
  }
}
