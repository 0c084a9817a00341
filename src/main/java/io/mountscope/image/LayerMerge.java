package io.mountscope.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Pass one of flattening: applies the layers' headers in order, as containerd's applier does,
 * and keeps for every path the layer entry that survives. Whiteouts ({@code .wh.NAME}) remove
 * NAME from lower layers, opaque markers ({@code .wh..wh..opq}) empty their directory of lower
 * layers' entries, a non-directory replaces a directory with its subtree. Contents are not read
 * here; pass two ({@link FlatLayerWriter}) copies the survivors.
 */
final class LayerMerge {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  /** A surviving entry: which layer and which entry of it; directories keep their header. */
  record Node(int layer, int ordinal, boolean dir, boolean symlink, TarArchiveEntry dirHeader, String linkTarget,
      long linkTargetId) {
    long id() {
      return ((long) layer << 32) | ordinal;
    }
  }

  private final TreeMap<String, Node> tree = new TreeMap<>();
  private final String image;
  private int entries;

  LayerMerge(String image) {
    this.image = image;
  }

  /** Applies one layer's headers; {@code layer} counts from 0 at the bottom. */
  void apply(int layer, int layerCount, TarArchiveInputStream tar) throws IOException {
    String where = "layer " + (layer + 1) + " of " + layerCount;
    List<Pending> additions = new ArrayList<>();
    List<String> whiteouts = new ArrayList<>();
    List<String> opaques = new ArrayList<>();
    TarArchiveEntry e;
    int ordinal = -1;
    while ((e = tar.getNextEntry()) != null) {
      ordinal++;
      String path = normalize(e.getName(), where);
      if (path.isEmpty()) {
        continue; // the root itself: containerd ignores it too
      }
      if (e.isSparse()) {
        throw refuse(where + " has a sparse file " + path);
      }
      String base = path.substring(path.lastIndexOf('/') + 1);
      String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
      if (base.equals(OPAQUE)) {
        opaques.add(parent);
      } else if (base.startsWith(WHITEOUT)) {
        String target = base.substring(WHITEOUT.length());
        whiteouts.add(parent.isEmpty() ? target : parent + "/" + target);
      } else {
        // only what the merge needs: a big layer's full headers would cost hundreds of bytes each
        additions.add(new Pending(ordinal, path, e.isDirectory(), e.isSymbolicLink(),
            e.isLink() ? normalize(e.getLinkName(), where) : null, e.isDirectory() ? e : null));
      }
    }
    // Whiteouts and opaque markers hide lower layers only, wherever they sit in this layer's tar.
    for (String dir : opaques) {
      clearChildren(dir);
    }
    for (String gone : whiteouts) {
      tree.remove(gone);
      clearChildren(gone);
    }
    for (Pending a : additions) {
      add(layer, a, where);
    }
  }

  /** An entry of the layer being applied, waiting for the layer's whiteouts to be applied first. */
  private record Pending(int ordinal, String path, boolean dir, boolean symlink, String hardLinkTarget,
      TarArchiveEntry dirHeader) {}

  private void add(int layer, Pending e, String where) {
    entries++;
    String path = e.path();
    checkAncestors(path, where);
    Node old = tree.get(path);
    if (old != null && old.dir() && !e.dir()) {
      clearChildren(path); // a file, link or device replacing a directory takes its subtree with it
    }
    long linkTargetId = -1;
    String linkTarget = e.hardLinkTarget();
    if (linkTarget != null) {
      Node target = tree.get(linkTarget);
      if (target == null || target.dir()) {
        throw refuse(where + " has a hard link " + path + " to " + linkTarget + ", which is "
            + (target == null ? "missing" : "a directory"));
      }
      if (target.layer() != layer) {
        // containerd (and Docker) apply a layer onto its own upper directory, where a lower
        // layer's file is not there to link to: such an image does not unpack in the first place
        throw refuse(where + " has a hard link " + path + " to " + linkTarget + " of a lower layer, "
            + "which containerd cannot apply either");
      }
      linkTargetId = target.id();
    }
    tree.put(path, new Node(layer, e.ordinal(), e.dir(), e.symlink(), e.dirHeader(), linkTarget, linkTargetId));
  }

  /** containerd resolves a path through symlinks and refuses to write under a file; we refuse both. */
  private void checkAncestors(String path, String where) {
    int slash = path.indexOf('/');
    while (slash > 0) {
      Node ancestor = tree.get(path.substring(0, slash));
      if (ancestor != null && !ancestor.dir()) {
        throw refuse(where + " writes " + path + " under " + path.substring(0, slash) + ", which is "
            + (ancestor.symlink() ? "a symlink (the entry would land where the link points)" : "not a directory"));
      }
      slash = path.indexOf('/', slash + 1);
    }
  }

  private void clearChildren(String dir) {
    if (dir.isEmpty()) {
      tree.clear();
    } else {
      // Every key with the prefix "dir/" sorts between "dir/" and "dir0" ('0' follows '/').
      tree.subMap(dir + "/", true, dir + "0", false).clear();
    }
  }

  /**
   * Checks what only the end state can tell, and returns, per layer, which entry ordinals survive
   * (directories are written from their headers, not from the layers).
   */
  Map<Integer, BitSet> survivors() {
    Map<Integer, BitSet> keep = new HashMap<>();
    for (Map.Entry<String, Node> entry : tree.entrySet()) {
      Node n = entry.getValue();
      if (n.linkTarget() != null) {
        Node target = tree.get(n.linkTarget());
        if (target == null || target.id() != n.linkTargetId()) {
          throw refuse("layer " + (n.layer() + 1) + " has a hard link " + entry.getKey() + " to " + n.linkTarget()
              + ", which a later layer " + (target == null ? "deletes" : "replaces")
              + "; one layer cannot express that");
        }
      }
      if (!n.dir()) {
        keep.computeIfAbsent(n.layer(), k -> new BitSet()).set(n.ordinal());
      }
    }
    return keep;
  }

  /** Surviving directories, parents before children. */
  NavigableMap<String, TarArchiveEntry> directories() {
    TreeMap<String, TarArchiveEntry> dirs = new TreeMap<>();
    tree.forEach((path, n) -> {
      if (n.dir()) {
        dirs.put(path, n.dirHeader());
      }
    });
    return dirs;
  }

  int paths() {
    return tree.size();
  }

  int entriesRead() {
    return entries;
  }

  /** "./usr//bin/" -> "usr/bin"; refuses names that climb out of the root. */
  static String normalize(String name, String where) {
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        throw new FlattenRefused(where + " has an entry that climbs out of the root: " + name);
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  private FlattenRefused refuse(String why) {
    return new FlattenRefused("cannot flatten " + image + ": " + why);
  }
}
