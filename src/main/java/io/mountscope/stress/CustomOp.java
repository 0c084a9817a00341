package io.mountscope.stress;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One operation of a custom pattern, as written in its YAML: a one-key mapping whose key names the
 * operation (docs/stress.md). Paths are relative to the storm's scratch root and may use
 * {@code {thread}} (the thread's directory) and, with {@code each: layer}, {@code {layer}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = CustomOp.Bind.class, name = "bind"),
    @JsonSubTypes.Type(value = CustomOp.Mount.class, name = "mount"),
    @JsonSubTypes.Type(value = CustomOp.Overlay.class, name = "overlay"),
    @JsonSubTypes.Type(value = CustomOp.Idmap.class, name = "idmap"),
    @JsonSubTypes.Type(value = CustomOp.Clone.class, name = "clone"),
    @JsonSubTypes.Type(value = CustomOp.Fsmount.class, name = "fsmount"),
    @JsonSubTypes.Type(value = CustomOp.Umount.class, name = "umount")})
public sealed interface CustomOp {
  /** "layer" to repeat the operation once per layer, with {layer} = 0..L-1; null for once. */
  String each();

  /** mount(source, target, NULL, MS_BIND [| MS_REC]). */
  record Bind(String source, String target, Boolean recursive, String each) implements CustomOp {}

  /** mount(2) with any filesystem type and flags; {@code source} is a path only for bind mounts. */
  record Mount(String source, String target, String type, List<String> flags, String data, String each)
      implements CustomOp {}

  /** mount("overlay", target, "overlay", 0, "lowerdir=...[,upperdir=...,workdir=...]"). */
  record Overlay(String lower, String upper, String work, String target, String each) implements CustomOp {}

  /** open_tree(OPEN_TREE_CLONE) + mount_setattr(MOUNT_ATTR_IDMAP [| RDONLY]) + move_mount + close. */
  record Idmap(String source, String target, Boolean readonly, String each) implements CustomOp {}

  /** open_tree(OPEN_TREE_CLONE) + move_mount + close: a bind mount through the new mount API. */
  record Clone(String source, String target, Boolean recursive, String each) implements CustomOp {}

  /** fsopen + fsconfig per option + fsconfig(CREATE) + fsmount + move_mount + two closes. */
  record Fsmount(String type, Map<String, String> options, String target, String each) implements CustomOp {}

  /** umount2(target, detach ? MNT_DETACH : 0). */
  record Umount(String target, Boolean detach, String each) implements CustomOp {}
}
