package io.mountscope.stress;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom storm pattern: the YAML text of one container start (docs/stress.md) and where it came
 * from. The text travels to the worker as is; both sides parse it with {@link #ops()}, which
 * reports every mistake as {@code file:line: what}.
 */
public record CustomPattern(String source, String yaml) {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /** One operation and the line it starts on. */
  public record LocatedOp(int line, CustomOp op) {}

  /** Reads and parses a pattern file; errors name the file and line. */
  public static CustomPattern load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("--file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
    CustomPattern p = new CustomPattern(file.toString(), text);
    p.ops();
    return p;
  }

  /** The operations in order; throws {@link InputException} at the first mistake. */
  public List<LocatedOp> ops() {
    List<LocatedOp> ops = new ArrayList<>();
    boolean sawSteps = false;
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw at(p.currentTokenLocation(), "expected a mapping with 'steps:' (a list of mount operations)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation keyAt = p.currentTokenLocation();
        p.nextToken();
        if (key.equals("description")) {
          p.skipChildren();
        } else if (key.equals("steps")) {
          sawSteps = true;
          if (p.currentToken() != JsonToken.START_ARRAY) {
            throw at(p.currentTokenLocation(), "'steps' must be a list of mount operations");
          }
          while (p.nextToken() != JsonToken.END_ARRAY) {
            int line = p.currentTokenLocation().getLineNr();
            ops.add(new LocatedOp(line, check(YAML.readValue(p, CustomOp.class), line)));
          }
        } else {
          throw at(keyAt, "unknown key '" + key + "' (known: description, steps)");
        }
      }
    } catch (JsonProcessingException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot parse: " + e.getMessage());
    }
    if (!sawSteps || ops.isEmpty()) {
      throw InputException.at(source, 0, "no steps: a custom pattern needs 'steps:' with at least one mount operation");
    }
    return ops;
  }

  private CustomOp check(CustomOp op, int line) {
    if (op.each() != null && !op.each().equals("layer")) {
      throw InputException.at(source, line, "each: '" + op.each() + "': the only value is 'layer'");
    }
    String missing = missingField(op);
    if (missing != null) {
      throw InputException.at(source, line, opName(op) + ": missing '" + missing + "'");
    }
    return op;
  }

  private static String missingField(CustomOp op) {
    if (op instanceof CustomOp.Bind b) {
      return b.source() == null ? "source" : b.target() == null ? "target" : null;
    }
    if (op instanceof CustomOp.Mount m) {
      boolean remount = hasFlag(m, "remount") || isPropagationOnly(m);
      if (m.target() == null) {
        return "target";
      }
      if (hasFlag(m, "bind") && !remount) {
        return m.source() == null ? "source" : null;
      }
      return !remount && m.type() == null ? "type" : null;
    }
    if (op instanceof CustomOp.Overlay o) {
      if (o.lower() == null || o.target() == null) {
        return o.lower() == null ? "lower" : "target";
      }
      return (o.upper() == null) == (o.work() == null) ? null : o.upper() == null ? "upper" : "work";
    }
    if (op instanceof CustomOp.Idmap i) {
      return i.source() == null ? "source" : i.target() == null ? "target" : null;
    }
    if (op instanceof CustomOp.Clone c) {
      return c.source() == null ? "source" : c.target() == null ? "target" : null;
    }
    if (op instanceof CustomOp.Fsmount f) {
      return f.type() == null ? "type" : f.target() == null ? "target" : null;
    }
    return ((CustomOp.Umount) op).target() == null ? "target" : null;
  }

  static boolean hasFlag(CustomOp.Mount m, String flag) {
    return m.flags() != null && m.flags().contains(flag);
  }

  static boolean isPropagationOnly(CustomOp.Mount m) {
    return m.flags() != null && m.flags().stream().anyMatch(f -> List.of("private", "slave", "shared", "unbindable").contains(f));
  }

  static String opName(CustomOp op) {
    return op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private InputException at(JsonLocation loc, String msg) {
    return InputException.at(source, loc == null ? 0 : loc.getLineNr(), msg);
  }

  /** Jackson's messages name Java classes; say it in the pattern's own words. */
  private InputException translate(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String msg;
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      msg = "unknown key '" + u.getPropertyName() + "' (known: " + String.join(", ", known) + ")";
    } else if (e instanceof InvalidTypeIdException t) {
      msg = "unknown operation" + (t.getTypeId() == null ? "" : " '" + t.getTypeId() + "'")
          + " (known: bind, mount, overlay, idmap, clone, fsmount, umount); each step is a one-key mapping";
    } else if (e instanceof MismatchedInputException m) {
      String field = m.getPath().isEmpty() ? "step" : "'" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "'";
      msg = "bad value for " + field + ": expected " + expected(m.getTargetType());
    } else {
      msg = "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("");
    }
    return at(loc, msg);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another shape";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping";
    }
    if (CustomOp.class.isAssignableFrom(type)) {
      return "a one-key mapping such as 'bind: {source: layers, target: \"{thread}/bind\"}'";
    }
    return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
