package io.mountscope.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mountscope.model.HotspotFamily;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * A flame graph as one self-contained HTML file: the stacks as a tree in the page, drawn by a
 * small inline script (no network, no CDN), searchable (regex, with the share matched) and
 * zoomable (click a frame), coloured by the frame's hotspot family. A user can scp it off the node.
 */
public final class FlameGraph {
  private static final String TEMPLATE = "/io/mountscope/export/flamegraph.html";
  private static final java.util.regex.Pattern MARKER = java.util.regex.Pattern.compile("\\{\\{(TITLE|DATA)\\}\\}");

  private FlameGraph() {}

  /** Writes the flame graph of {@code stacks} to {@code file}; {@code subtitle} says what window it covers. */
  public static void write(FoldedStacks stacks, String title, String subtitle, Path file) throws IOException {
    Files.writeString(file, html(stacks, title, subtitle), StandardCharsets.UTF_8);
  }

  static String html(FoldedStacks stacks, String title, String subtitle) throws IOException {
    String template;
    try (InputStream in = FlameGraph.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " missing from the jar");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String data = json(stacks, title, subtitle);
    Matcher m = MARKER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + data.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("DATA") ? data : escapeHtml(title)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The tree as JSON, safe inside a script element: no '<', '>' or '&' outside escapes. */
  static String json(FoldedStacks stacks, String title, String subtitle) {
    Node root = new Node("all");
    stacks.stacks().forEach((stack, count) -> {
      if (count <= 0) {
        return;
      }
      Node n = root;
      n.value += count;
      for (String frame : FoldedStacks.frames(stack).split(";")) {
        n = n.children.computeIfAbsent(frame, Node::new);
        n.value += count;
      }
    });
    List<String> families = new ArrayList<>();
    for (HotspotFamily f : HotspotFamily.values()) {
      families.add(f.json());
    }
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("title", title);
    doc.put("subtitle", subtitle);
    ArrayNode fam = doc.putArray("families");
    families.forEach(fam::add);
    doc.set("tree", root.toJson(true));
    return Json.line(doc).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A frame of the tree: its name, samples through it, and its callees by name. */
  private static final class Node {
    final String name;
    final Map<String, Node> children = new TreeMap<>();
    long value;

    Node(String name) {
      this.name = name;
    }

    ObjectNode toJson(boolean root) {
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("n", name);
      o.put("v", value);
      o.put("f", root ? HotspotFamily.OTHER.ordinal() : HotspotFamily.of(name).ordinal());
      if (!children.isEmpty()) {
        ArrayNode c = o.putArray("c");
        children.values().forEach(ch -> c.add(ch.toJson(false)));
      }
      return o;
    }
  }
}
