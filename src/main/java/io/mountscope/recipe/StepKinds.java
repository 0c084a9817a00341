package io.mountscope.recipe;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The step kinds plugins add, by name; {@link #standard()} has the loaded plugins'. Built-in kinds are in {@link Step}. */
public final class StepKinds {
  private final Map<String, StepKind> byName = new LinkedHashMap<>();

  public StepKinds(Collection<? extends StepKind> kinds) {
    kinds.forEach(k -> byName.put(k.name(), k));
  }

  /** The loaded plugins' step kinds. */
  public static StepKinds standard() {
    return io.mountscope.plugin.PluginHost.get().stepKinds();
  }

  public static StepKinds none() {
    return new StepKinds(List.of());
  }

  public Optional<StepKind> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<String> names() {
    return byName.keySet();
  }

  /** The kinds recipes may write: the built-in ones, then the plugins'. */
  public static List<String> builtIn() {
    return java.util.Arrays.stream(Step.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
        .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name).toList();
  }
}
