package io.mountscope.stress;

import io.mountscope.kernel.MountApi;
import io.mountscope.kernel.Syscalls;
import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Expands a custom pattern's operations into one thread's start plan, checking paths and sizes. */
final class CustomPlanner {
  /** mount(2) flags by the names custom patterns use. */
  static final Map<String, Long> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("rdonly", Syscalls.MS_RDONLY);
    FLAGS.put("nosuid", Syscalls.MS_NOSUID);
    FLAGS.put("nodev", Syscalls.MS_NODEV);
    FLAGS.put("noexec", Syscalls.MS_NOEXEC);
    FLAGS.put("remount", 32L);
    FLAGS.put("noatime", 1024L);
    FLAGS.put("nodiratime", 2048L);
    FLAGS.put("bind", Syscalls.MS_BIND);
    FLAGS.put("rec", Syscalls.MS_REC);
    FLAGS.put("unbindable", 1L << 17);
    FLAGS.put("private", Syscalls.MS_PRIVATE);
    FLAGS.put("slave", Syscalls.MS_SLAVE);
    FLAGS.put("shared", 1L << 20);
    FLAGS.put("relatime", 1L << 21);
    FLAGS.put("strictatime", 1L << 24);
  }

  /** mount(2) copies one page of options; longer ones are cut (containerd hits this too). */
  static final int MAX_DATA = 4095;

  private final String source;
  private final int layers;
  private final Layout layout;
  private final int thread;
  private final List<Step> steps = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();
  private final Set<String> dirs = new LinkedHashSet<>();
  private int line;

  private CustomPlanner(String source, int layers, Layout layout, int thread) {
    this.source = source;
    this.layers = layers;
    this.layout = layout;
    this.thread = thread;
  }

  static StartPlan plan(CustomPattern custom, int layers, Layout layout, int thread) {
    CustomPlanner p = new CustomPlanner(custom.source(), layers, layout, thread);
    boolean userns = false;
    for (CustomPattern.LocatedOp lo : custom.ops()) {
      p.line = lo.line();
      userns |= lo.op() instanceof CustomOp.Idmap;
      if (lo.op().each() == null) {
        p.expand(lo.op(), null);
      } else {
        for (int i = 0; i < layers; i++) {
          p.expand(lo.op(), i);
        }
      }
    }
    return new StartPlan(custom.source(), layout.root(), p.steps, p.lines, List.copyOf(p.dirs), userns);
  }

  private void expand(CustomOp op, Integer layer) {
    if (op instanceof CustomOp.Bind b) {
      long flags = Syscalls.MS_BIND | (Boolean.TRUE.equals(b.recursive()) ? Syscalls.MS_REC : 0);
      add(new Step.Mount(dir(b.source(), layer), dir(b.target(), layer), null, flags, null));
    } else if (op instanceof CustomOp.Mount m) {
      long flags = flags(m.flags());
      boolean bindSource = (flags & Syscalls.MS_BIND) != 0 && m.source() != null;
      String src = bindSource ? dir(m.source(), layer) : m.source() == null ? "none" : m.source();
      add(new Step.Mount(src, dir(m.target(), layer), m.type(), flags, data(m.data())));
    } else if (op instanceof CustomOp.Overlay o) {
      List<String> lower = new ArrayList<>();
      for (String part : o.lower().split(":")) {
        if (layer == null && part.contains("{layer}")) {
          for (int i = 0; i < layers; i++) {
            lower.add(dir(part, i));
          }
        } else {
          lower.add(dir(part, layer));
        }
      }
      String upper = o.upper() == null ? null : dir(o.upper(), layer);
      String work = o.work() == null ? null : dir(o.work(), layer);
      add(new Step.Mount("overlay", dir(o.target(), layer), "overlay", 0, data(Patterns.overlayData(lower, upper, work))));
    } else if (op instanceof CustomOp.Idmap i) {
      long attrs = MountApi.MOUNT_ATTR_IDMAP | (Boolean.FALSE.equals(i.readonly()) ? 0 : MountApi.MOUNT_ATTR_RDONLY);
      add(new Step.OpenTree(dir(i.source(), layer), Patterns.CLONE));
      add(new Step.SetAttr(attrs, 0, 0, true));
      add(new Step.MoveMount(dir(i.target(), layer)));
      add(new Step.CloseTree());
    } else if (op instanceof CustomOp.Clone c) {
      add(new Step.OpenTree(dir(c.source(), layer),
          Patterns.CLONE | (Boolean.TRUE.equals(c.recursive()) ? MountApi.AT_RECURSIVE : 0)));
      add(new Step.MoveMount(dir(c.target(), layer)));
      add(new Step.CloseTree());
    } else if (op instanceof CustomOp.Fsmount f) {
      add(new Step.FsOpen(f.type()));
      if (f.options() != null) {
        f.options().forEach((k, v) -> add(new Step.FsConfig(k, v == null || v.isEmpty() ? null : data(v))));
      }
      add(new Step.FsCreate());
      add(new Step.FsMount(0));
      add(new Step.CloseContext());
      add(new Step.MoveMount(dir(f.target(), layer)));
      add(new Step.CloseTree());
    } else if (op instanceof CustomOp.Umount u) {
      add(new Step.Umount(path(u.target(), layer), Boolean.TRUE.equals(u.detach()) ? Syscalls.MNT_DETACH : 0));
    }
  }

  private void add(Step s) {
    steps.add(s);
    lines.add(line);
  }

  /** A path the start needs as a directory: created once when the thread sets up. */
  private String dir(String template, Integer layer) {
    String p = path(template, layer);
    dirs.add(p);
    return p;
  }

  /** Substitutes the variables and confines the path to the scratch root. */
  private String path(String template, Integer layer) {
    String p = template.replace("{thread}", "w" + thread);
    if (p.contains("{layer}")) {
      if (layer == null) {
        throw InputException.at(source, line, "'" + template + "' uses {layer}: add 'each: layer' to repeat the step per layer");
      }
      p = p.replace("{layer}", Integer.toString(layer));
    }
    if (p.contains("{") || p.contains("}")) {
      throw InputException.at(source, line, "'" + template + "': unknown variable (known: {thread}, {layer})");
    }
    if (p.isEmpty() || p.startsWith("/") || List.of(p.split("/")).contains("..")) {
      throw InputException.at(source, line, "'" + template
          + "': paths are relative to the storm's scratch directory and stay inside it (no leading '/', no '..')");
    }
    return layout.resolve(p.replaceAll("/+", "/").replaceAll("/$", ""));
  }

  private long flags(List<String> names) {
    long flags = 0;
    for (String n : names == null ? List.<String>of() : names) {
      Long f = FLAGS.get(n);
      if (f == null) {
        throw InputException.at(source, line, "unknown mount flag '" + n + "' (known: " + String.join(", ", FLAGS.keySet()) + ")");
      }
      flags |= f;
    }
    return flags;
  }

  private String data(String d) {
    if (d != null && d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DATA) {
      throw InputException.at(source, line, "mount options of " + d.length() + " bytes: mount(2) takes at most "
          + MAX_DATA + "; use fewer layers or shorter paths");
    }
    return d;
  }
}
