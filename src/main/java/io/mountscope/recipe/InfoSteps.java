package io.mountscope.recipe;

import io.mountscope.image.ImageInfo;
import io.mountscope.recipe.operator.Answer;
import io.mountscope.recipe.operator.Question;
import io.mountscope.recipe.operator.Table;
import io.mountscope.recipe.workload.ImageFacts;
import io.mountscope.util.Fmt;
import io.mountscope.util.UnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The steps that explain, check, read the image inventory and ask: nothing here changes the node. */
final class InfoSteps {
  /** A check with {@code otherwise: skip} that the node does not meet: the recipe ends, honestly. */
  static final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skip(String reason) {
      super(reason);
    }
  }

  private InfoSteps() {}

  static void explain(Run run, Step.Explain e) {
    run.operator.say("");
    run.operator.say(run.shown(e.text(), Map.of()).strip());
  }

  static void check(Run run, Step.Check c) {
    List<String> unmet = new ArrayList<>();
    for (Value v : c.require()) {
      Requirement.of(v.text()).orElseThrow().unmet().ifPresent(unmet::add);
    }
    if (unmet.isEmpty()) {
      run.operator.say("preconditions met: " + String.join(", ", c.require().stream().map(Value::text).toList()));
      return;
    }
    String reason = String.join("; ", unmet);
    if (c.otherwise() != null && c.otherwise().text().equals("skip")) {
      throw new Skip(reason);
    }
    throw new UnavailableException(reason, "this recipe cannot run on this node as it is");
  }

  static void inventory(Run run, Step.Inventory i) {
    String address = i.containerd() == null ? null : run.text(i.containerd());
    int threshold = i.threshold() == null ? 20 : (int) run.integer(i.threshold(), Map.of());
    long fallback = run.integer(i.layers(), Map.of());
    ImageFacts f = ImageFacts.read(address, threshold);
    String id = i.id();
    if (f.version() != null) {
      String verdict = "containerd " + f.version() + " at " + f.address() + ": " + f.strategy().description();
      run.operator.say(verdict);
      run.finding(verdict);
    }
    boolean fromImages = !f.images().isEmpty();
    if (fromImages) {
      List<ImageInfo> top = f.images().stream().sorted(Comparator.comparing(ImageInfo::layers).reversed()).limit(10).toList();
      List<List<String>> rows = new ArrayList<>();
      for (ImageInfo im : top) {
        rows.add(List.of(im.namespace(), im.ref(), Integer.toString(im.layers()), Fmt.bytes(im.sizeBytes()),
            Integer.toString(im.mountSyscallsPerStart().perLayerIdmap()),
            Integer.toString(im.mountSyscallsPerStart().commonParentIdmap())));
      }
      run.operator.table(new Table("images by layers (" + f.images().size() + " in all; mount syscalls per "
          + "user-namespaced start)", List.of("namespace", "image", "layers", "size", "per-layer", "parent"), rows));
      List<ImageInfo> over = f.images().stream().filter(ImageInfo::overThreshold).toList();
      for (ImageInfo im : over) {
        run.operator.say("flatten candidate: " + im.ref() + " (" + im.layers() + " layers): mountscope images flatten "
            + im.ref() + (im.namespace().equals("default") ? "" : " --namespace " + im.namespace()));
      }
      run.put(id + ".flatten", (long) over.size());
      run.finding("image layers here: most " + f.maxLayers() + ", median " + f.medianLayers() + " over "
          + f.images().size() + " images; " + over.size() + " over " + threshold + " layers");
    } else {
      run.operator.say(f.reason() + ": measuring at " + fallback + " layers (--set layers=N to change)");
      run.put(id + ".flatten", 0L);
    }
    run.put(id + ".layers", fromImages ? (long) f.maxLayers() : fallback);
    run.put(id + ".median-layers", fromImages ? (long) f.medianLayers() : fallback);
    run.put(id + ".images", (long) f.images().size());
    run.put(id + ".strategy", f.strategy().json());
    run.put(id + ".pattern", f.pattern("idmap-per-layer"));
    run.put(id + ".version", f.version() == null ? "unknown" : f.version());
    run.put(id + ".source", fromImages ? "containerd" : "parameter");
  }

  static void ask(Run run, Step.Ask a) {
    String text = run.shown(a.question(), Map.of());
    if (run.dryRun) {
      run.operator.say("would ask: " + text);
      return;
    }
    if (a.type() != null) {
      askValue(run, a, text);
      return;
    }
    Question q = a.choices() == null || a.choices().isEmpty() ? Question.yesNo(a.id(), text)
        : Question.choice(a.id(), text, a.choices().stream().map(Value::text).toList(), a.defaultAnswer().text());
    Answer answer = run.ask(q);
    run.put(a.id(), answer.value());
  }

  /** A value to type in, asked again (three times at most) until it has the question's type. */
  private static void askValue(Run run, Step.Ask a, String text) {
    Type type = Type.of(a.type().text());
    String fallback = run.text(a.defaultAnswer());
    for (int attempt = 0; attempt < 3; attempt++) {
      Answer answer = run.ask(Question.text(a.id(), text, fallback));
      Object v = type.parse(answer.value());
      if (v != null) {
        run.put(a.id(), v);
        return;
      }
      run.operator.warn("'" + answer.value() + "' is not " + type.describe());
    }
    run.operator.warn("taking the default, " + fallback);
    run.put(a.id(), type.parse(fallback));
  }
}
