package io.mountscope.stress;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.mountscope.kernel.MountApi;
import io.mountscope.kernel.MountSyscalls;
import io.mountscope.kernel.Syscalls;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread's start plan encoded for the hot loop: every path, option string and mount_attr
 * struct is written once into one block of native memory, and each step becomes an opcode with
 * raw addresses, so a start makes direct-mapped calls ({@link MountSyscalls}) with primitive
 * arguments only: no String conversion, no allocation. A start that fails unwinds itself: it detaches the mounts
 * it made, in reverse order, so the next start begins from the same table.
 */
final class NativeProgram {
  private static final int MOUNT = 0;
  private static final int UMOUNT = 1;
  private static final int OPEN_TREE = 2;
  private static final int SETATTR = 3;
  private static final int MOVE_MOUNT = 4;
  private static final int FSOPEN = 5;
  private static final int FSCONFIG_STRING = 6;
  private static final int FSCONFIG_FLAG = 7;
  private static final int FSCREATE = 8;
  private static final int FSMOUNT = 9;
  private static final int CLOSE_TREE = 10;
  private static final int CLOSE_CONTEXT = 11;


  private final StartPlan plan;
  private final int n;
  private final int[] op;
  private final int[] kind;
  private final int[] slot;
  private final long[] a1;
  private final long[] a2;
  private final long[] a3;
  private final long[] a4;
  private final long[] a5;
  private final long[] slotTarget;
  private final boolean[] mounted;
  private final long empty;
  /** Keeps the encoded strings alive as long as the program. */
  private final Memory memory;

  NativeProgram(StartPlan plan, int usernsFd) {
    this.plan = plan;
    StartPlan.Analysis analysis = plan.analyse();
    List<Step> steps = plan.steps();
    n = steps.size();
    op = new int[n];
    kind = new int[n];
    slot = analysis.slotOfStep().clone();
    a1 = new long[n];
    a2 = new long[n];
    a3 = new long[n];
    a4 = new long[n];
    a5 = new long[n];
    Strings strings = new Strings();
    strings.add("");
    for (Step s : steps) {
      strings.addAll(s);
    }
    analysis.slotTargets().forEach(strings::add);
    long attrs = steps.stream().filter(s -> s instanceof Step.SetAttr).count();
    memory = new Memory(strings.size + attrs * MountApi.MOUNT_ATTR_SIZE_VER0 + 8);
    long base = Pointer.nativeValue(memory);
    long attrAt = (strings.size + 7) & ~7L; // mount_attr holds u64 fields: keep it aligned
    strings.write(memory);
    empty = base + strings.offset("");
    for (int i = 0; i < n; i++) {
      Step s = steps.get(i);
      kind[i] = s.kind() == null ? -1 : s.kind().ordinal();
      if (s instanceof Step.Mount m) {
        set(i, MOUNT, strings.addr(base, m.source()), strings.addr(base, m.target()), strings.addr(base, m.fstype()),
            m.flags(), strings.addr(base, m.data()));
      } else if (s instanceof Step.Umount u) {
        set(i, UMOUNT, strings.addr(base, u.target()), u.flags(), 0, 0, 0);
      } else if (s instanceof Step.OpenTree t) {
        set(i, OPEN_TREE, strings.addr(base, t.path()), t.flags(), 0, 0, 0);
      } else if (s instanceof Step.SetAttr a) {
        memory.setLong(attrAt, a.attrSet());
        memory.setLong(attrAt + 8, a.attrClr());
        memory.setLong(attrAt + 16, a.propagation());
        memory.setLong(attrAt + 24, a.userns() ? usernsFd : 0);
        set(i, SETATTR, base + attrAt, 0, 0, 0, 0);
        attrAt += MountApi.MOUNT_ATTR_SIZE_VER0;
      } else if (s instanceof Step.MoveMount mm) {
        set(i, MOVE_MOUNT, strings.addr(base, mm.target()), 0, 0, 0, 0);
      } else if (s instanceof Step.FsOpen f) {
        set(i, FSOPEN, strings.addr(base, f.fstype()), 0, 0, 0, 0);
      } else if (s instanceof Step.FsConfig c) {
        set(i, c.value() == null ? FSCONFIG_FLAG : FSCONFIG_STRING, strings.addr(base, c.key()),
            strings.addr(base, c.value()), 0, 0, 0);
      } else if (s instanceof Step.FsCreate) {
        set(i, FSCREATE, 0, 0, 0, 0, 0);
      } else if (s instanceof Step.FsMount fm) {
        set(i, FSMOUNT, fm.attrs(), 0, 0, 0, 0);
      } else {
        set(i, s instanceof Step.CloseTree ? CLOSE_TREE : CLOSE_CONTEXT, 0, 0, 0, 0, 0);
      }
    }
    List<String> targets = analysis.slotTargets();
    slotTarget = new long[targets.size()];
    for (int k = 0; k < slotTarget.length; k++) {
      slotTarget[k] = strings.addr(base, targets.get(k));
    }
    mounted = new boolean[slotTarget.length];
  }

  private void set(int i, int opcode, long x1, long x2, long x3, long x4, long x5) {
    op[i] = opcode;
    a1[i] = x1;
    a2[i] = x2;
    a3[i] = x3;
    a4[i] = x4;
    a5[i] = x5;
  }

  /** Runs one start; returns false (after unwinding) when a syscall failed. */
  boolean start(ThreadStats st) {
    int tree = -1;
    int ctx = -1;
    for (int i = 0; i < n; i++) {
      int rc;
      switch (op[i]) {
        case MOUNT -> rc = MountSyscalls.mount(a1[i], a2[i], a3[i], a4[i], a5[i]);
        case UMOUNT -> rc = MountSyscalls.umount2(a1[i], (int) a2[i]);
        case OPEN_TREE -> rc = tree = MountSyscalls.openTree(MountApi.AT_FDCWD, a1[i], (int) a2[i]);
        case SETATTR -> rc = MountSyscalls.mountSetattr(tree, empty, MountApi.AT_EMPTY_PATH, a1[i],
            MountApi.MOUNT_ATTR_SIZE_VER0);
        case MOVE_MOUNT -> rc = MountSyscalls.moveMount(tree, empty, MountApi.AT_FDCWD, a1[i],
            MountApi.MOVE_MOUNT_F_EMPTY_PATH);
        case FSOPEN -> rc = ctx = MountSyscalls.fsopen(a1[i], MountApi.FSOPEN_CLOEXEC);
        case FSCONFIG_STRING -> rc = MountSyscalls.fsconfig(ctx, MountApi.FSCONFIG_SET_STRING, a1[i], a2[i], 0);
        case FSCONFIG_FLAG -> rc = MountSyscalls.fsconfig(ctx, MountApi.FSCONFIG_SET_FLAG, a1[i], 0, 0);
        case FSCREATE -> rc = MountSyscalls.fsconfig(ctx, MountApi.FSCONFIG_CMD_CREATE, 0, 0, 0);
        case FSMOUNT -> rc = tree = MountSyscalls.fsmount(ctx, MountApi.FSMOUNT_CLOEXEC, (int) a1[i]);
        case CLOSE_TREE -> {
          MountSyscalls.close(tree);
          tree = -1;
          continue;
        }
        default -> {
          MountSyscalls.close(ctx);
          ctx = -1;
          continue;
        }
      }
      st.syscalls[kind[i]]++;
      if (rc < 0) {
        st.error(kind[i], Native.getLastError(), i);
        unwind(st, tree, ctx);
        return false;
      }
      if (slot[i] >= 0) {
        mounted[slot[i]] = op[i] != UMOUNT;
      }
    }
    return true;
  }

  /** Closes open descriptors and detaches this start's mounts, newest first. */
  private void unwind(ThreadStats st, int tree, int ctx) {
    if (tree >= 0) {
      MountSyscalls.close(tree);
    }
    if (ctx >= 0) {
      MountSyscalls.close(ctx);
    }
    for (int k = mounted.length - 1; k >= 0; k--) {
      if (mounted[k]) {
        st.syscalls[SyscallKind.UMOUNT.ordinal()]++;
        if (MountSyscalls.umount2(slotTarget[k], Syscalls.MNT_DETACH) < 0) {
          st.error(SyscallKind.UMOUNT.ordinal(), Native.getLastError(), -1);
        } else {
          mounted[k] = false;
        }
      }
    }
  }

  /** "move_mount(w0/t3)" or "pattern.yaml:12: move_mount(w0/t3)": the step, for error messages. */
  String describe(int step) {
    if (step < 0) {
      return "umount2 (unwinding a failed start)";
    }
    Step s = plan.steps().get(step);
    String what = s.kind() == null ? "close" : s.kind().syscall();
    String on = s.mountPoint() != null ? s.mountPoint() : s instanceof Step.OpenTree t ? t.path()
        : s instanceof Step.FsOpen f ? f.fstype() : s instanceof Step.FsConfig c ? c.key() : null;
    String call = (what.equals("umount") ? "umount2" : what) + (on == null ? "" : "(" + plan.display(on) + ")");
    int line = plan.lines().get(step);
    return line > 0 ? plan.source() + ":" + line + ": " + call : call;
  }

  /** Distinct NUL-terminated UTF-8 strings laid out back to back. */
  private static final class Strings {
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    long size;

    void add(String s) {
      if (s != null && !offsets.containsKey(s)) {
        offsets.put(s, size);
        size += s.getBytes(StandardCharsets.UTF_8).length + 1L;
      }
    }

    void addAll(Step s) {
      if (s instanceof Step.Mount m) {
        add(m.source());
        add(m.target());
        add(m.fstype());
        add(m.data());
      } else if (s instanceof Step.Umount u) {
        add(u.target());
      } else if (s instanceof Step.OpenTree t) {
        add(t.path());
      } else if (s instanceof Step.MoveMount mm) {
        add(mm.target());
      } else if (s instanceof Step.FsOpen f) {
        add(f.fstype());
      } else if (s instanceof Step.FsConfig c) {
        add(c.key());
        add(c.value());
      }
    }

    long offset(String s) {
      return offsets.get(s);
    }

    /** The address of s, or 0 (NULL) for a null string. */
    long addr(long base, String s) {
      return s == null ? 0 : base + offsets.get(s);
    }

    void write(Memory m) {
      offsets.forEach((s, off) -> m.setString(off, s, StandardCharsets.UTF_8.name()));
    }
  }
}
