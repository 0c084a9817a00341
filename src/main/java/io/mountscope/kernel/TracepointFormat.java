package io.mountscope.kernel;

import io.mountscope.util.UnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tracepoint's {@code format} file from tracefs: its id and where each field sits in the raw
 * record that PERF_SAMPLE_RAW delivers. Offsets are read, never assumed: they change between
 * kernels.
 */
public record TracepointFormat(String name, int id, Map<String, Field> fields) {

  /** A field of the raw record: byte offset, size, signedness. */
  public record Field(String name, int offset, int size, boolean signed) {}

  /** Parses the text of a format file. */
  public static TracepointFormat parse(String text) {
    String name = null;
    int id = -1;
    Map<String, Field> fields = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.trim();
      if (line.startsWith("name:")) {
        name = line.substring(5).trim();
      } else if (line.startsWith("ID:")) {
        id = Integer.parseInt(line.substring(3).trim());
      } else if (line.startsWith("field:")) {
        Field f = parseField(line);
        if (f != null) {
          fields.put(f.name(), f);
        }
      }
    }
    if (name == null || id < 0) {
      throw new IllegalArgumentException("not a tracepoint format file (no name: or ID: line)");
    }
    return new TracepointFormat(name, id, fields);
  }

  // "field:void * lock_addr;	offset:8;	size:8;	signed:0;"
  private static Field parseField(String line) {
    String decl = null;
    int offset = -1;
    int size = -1;
    boolean signed = false;
    for (String part : line.split(";")) {
      String p = part.trim();
      if (p.startsWith("field:")) {
        decl = p.substring(6).trim();
      } else if (p.startsWith("offset:")) {
        offset = Integer.parseInt(p.substring(7).trim());
      } else if (p.startsWith("size:")) {
        size = Integer.parseInt(p.substring(5).trim());
      } else if (p.startsWith("signed:")) {
        signed = p.substring(7).trim().equals("1");
      }
    }
    if (decl == null || offset < 0) {
      return null;
    }
    int bracket = decl.indexOf('[');
    String d = bracket >= 0 ? decl.substring(0, bracket).trim() : decl;
    String fieldName = d.substring(Math.max(d.lastIndexOf(' '), d.lastIndexOf('*')) + 1);
    return new Field(fieldName, offset, size, signed);
  }

  /** The field, or an UnavailableException naming the tracepoint when this kernel lacks it. */
  public Field field(String fieldName) {
    Field f = fields.get(fieldName);
    if (f == null) {
      throw new UnavailableException("tracepoint " + name + " has no field '" + fieldName
          + "' on this kernel (fields: " + String.join(", ", fields.keySet()) + ")",
          "use a kernel whose " + name + " tracepoint has it (5.19+ for lock:contention_*)");
    }
    return f;
  }
}
