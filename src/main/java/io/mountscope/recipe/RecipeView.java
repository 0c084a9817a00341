package io.mountscope.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code recipe list} and {@code recipe show} print: as records for --json, and as text. */
public final class RecipeView {
  private RecipeView() {}

  /** {@code recipe list --json}. */
  public record Listing(List<String> directories, List<Item> recipes) {}

  /** One recipe file: name, file, title, first line of its description, or the error that keeps it from loading. */
  public record Item(String name, String file, String title, String summary, String error) {
    public static Item of(RecipeLibrary.Entry e) {
      return new Item(e.name(), e.file().toString(), e.title(), e.description(), e.error());
    }
  }

  /** {@code recipe show --json}. */
  public record Shown(String name, String file, String title, String description, List<ParamView> parameters,
      Map<String, String> workloads, List<StepView> steps, List<String> questions) {
    public static Shown of(Recipe r) {
      List<ParamView> params = new ArrayList<>();
      r.parameters().forEach((n, p) -> params.add(new ParamView(n, p.type().text(), p.defaultValue().text(),
          p.min() == null ? null : p.min().text(), p.max() == null ? null : p.max().text(),
          p.choices() == null ? null : p.choices().stream().map(Value::text).toList(), p.help().text())));
      Map<String, String> workloads = new LinkedHashMap<>();
      r.workloads().forEach((n, w) -> workloads.put(n, describe(w)));
      List<StepView> steps = r.steps().stream().map(l -> new StepView(l.line(), l.step().kind(), l.step().id(),
          summary(l.step()), l.step().when() == null ? null : l.step().when().stream().map(Value::text).toList())).toList();
      return new Shown(r.name(), r.file(), r.title().text(), r.description().text().strip(), params, workloads, steps,
          List.copyOf(RecipeCheck.questions(r).keySet()));
    }
  }

  /** A parameter as declared. */
  public record ParamView(String name, String type, String defaultValue, String min, String max, List<String> choices,
      String help) {}

  /** A step in one line, with its conditions. */
  public record StepView(int line, String kind, String id, String summary, List<String> when) {}

  public static String text(Recipe r) {
    Shown s = Shown.of(r);
    StringBuilder b = new StringBuilder();
    b.append(s.name()).append(": ").append(s.title()).append("\n\n").append(s.description()).append("\n\n");
    if (!s.parameters().isEmpty()) {
      b.append("Parameters (--set NAME=VALUE):\n");
      int w = s.parameters().stream().mapToInt(p -> p.name().length()).max().orElse(0);
      for (ParamView p : s.parameters()) {
        String range = p.choices() != null ? " (one of " + String.join(", ", p.choices()) + ")"
            : p.min() != null || p.max() != null ? " (" + (p.min() == null ? "" : p.min()) + ".." + (p.max() == null ? "" : p.max()) + ")" : "";
        b.append(String.format(java.util.Locale.US, "  %-" + w + "s  %s, default %s%s: %s%n", p.name(), p.type(), p.defaultValue(), range, p.help()));
      }
      b.append('\n');
    }
    b.append("Steps:\n");
    for (StepView st : s.steps()) {
      b.append(String.format(java.util.Locale.US, "  %3d  %s%s%n", st.line(), st.summary(), st.when() == null ? "" : "   (when "
          + String.join(" and ", st.when()) + ")"));
    }
    b.append("\nQuestions (for --answers FILE): ").append(String.join(", ", s.questions())).append('\n');
    b.append("Run: mountscope recipe run ").append(s.name()).append(" [--dry-run] [--yes] [--answers FILE] [--set K=V]... "
        + "[--report FILE] [--json]");
    return b.toString();
  }

  static String describe(Workload w) {
    if (w instanceof Workload.Stress s) {
      List<String> parts = new ArrayList<>();
      add(parts, "pattern", s.pattern());
      add(parts, "layers", s.layers());
      add(parts, "threads", s.threads());
      add(parts, "duration", s.duration());
      add(parts, "starts", s.starts());
      add(parts, "warmup", s.warmup());
      add(parts, "cpus", s.cpus());
      add(parts, "node", s.node());
      return "stress " + String.join(" ", parts);
    }
    Workload.Mountinfo m = (Workload.Mountinfo) w;
    return "mountinfo extra-mounts " + m.extraMounts() + " reads " + m.reads();
  }

  private static void add(List<String> parts, String name, Value v) {
    if (v != null) {
      parts.add(name + " " + v.text());
    }
  }

  static String summary(Step s) {
    String id = s.id() == null ? "" : " " + s.id();
    if (s instanceof Step.Explain e) {
      String t = e.text().text().strip().lines().findFirst().orElse("");
      return "explain: " + (t.length() > 60 ? t.substring(0, 57) + "..." : t);
    }
    if (s instanceof Step.Check c) {
      return "check: " + c.require().stream().map(Value::text).collect(Collectors.joining(", "))
          + (c.otherwise() == null ? "" : " (otherwise " + c.otherwise() + ")");
    }
    if (s instanceof Step.Inventory) {
      return "inventory" + id + ": containerd's images and idmap strategy";
    }
    if (s instanceof Step.Measure m) {
      return "measure" + id + ": workload " + m.workload() + (m.set() == null ? "" : " with " + m.set());
    }
    if (s instanceof Step.Sweep w) {
      return "sweep" + id + ": workload " + w.workload() + " over " + w.as() + " " + (w.values() != null
          ? w.values().stream().map(Value::text).collect(Collectors.joining(", ", "[", "]"))
          : w.from() + ".." + w.to()) + (w.budgetMs() == null ? "" : ", budget " + w.budgetMs() + " ms");
    }
    if (s instanceof Step.Apply a) {
      return "apply" + id + ": " + a.actuator() + " " + a.target() + " = " + a.value() + " (asks first)";
    }
    if (s instanceof Step.Trial t) {
      return "trial" + id + ": " + t.actuator() + " " + t.target() + " = " + t.value() + ", measured with " + t.workload()
          + " before and after, kept only if better (asks first)";
    }
    if (s instanceof Step.Compare c) {
      return "compare" + id + ": " + c.after() + " against " + c.before();
    }
    if (s instanceof Step.Ask a) {
      return "ask" + id + ": " + a.question();
    }
    if (s instanceof Step.Rollback r) {
      return "rollback: " + (r.changes() == null || r.changes().isEmpty() ? "every change in place" : r.changes());
    }
    if (s instanceof Step.Plugin p) {
      return p.kind() + id + ": a plugin's step" + (p.arguments().isEmpty() ? "" : " with " + p.arguments().entrySet()
          .stream().map(e -> e.getKey() + " " + e.getValue().text()).collect(Collectors.joining(", ")));
    }
    return "leaked-mounts" + id + ": list mounts left behind, remove with consent";
  }
}
