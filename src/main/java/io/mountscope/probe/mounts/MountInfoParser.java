package io.mountscope.probe.mounts;

import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the mountinfo format (proc(5)): "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] -
 * FSTYPE SOURCE SUPEROPTIONS", any number of optional fields, octal escapes (\040 space, \011 tab,
 * \012 newline, \134 backslash, or any \ooo), lines of any length. Works on bytes: a sick node's
 * table is tens of megabytes and is parsed every few seconds.
 */
public final class MountInfoParser {
  private MountInfoParser() {}

  /** Parses {@code data[0..length)}, handing each entry to {@code sink}; {@code source} names it in errors. */
  public static long parse(byte[] data, int length, String source, Consumer<MountEntry> sink) {
    long lines = 0;
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && data[end] != '\n') {
        end++;
      }
      lines++;
      if (end > start) {
        sink.accept(parseLine(data, start, end, source, lines));
      }
      start = end + 1;
    }
    return lines;
  }

  /** Reads all of {@code in} and parses it. */
  public static long parse(InputStream in, String source, Consumer<MountEntry> sink) throws IOException {
    byte[] data = in.readAllBytes();
    return parse(data, data.length, source, sink);
  }

  /** One line, for tests and small inputs. */
  public static MountEntry parseLine(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return parseLine(b, 0, b.length, "line", 1);
  }

  static MountEntry parseLine(byte[] b, int from, int to, String source, long lineNo) {
    int[] pos = {from};
    long id = number(b, pos, to, source, lineNo, "mount id");
    long parent = number(b, pos, to, source, lineNo, "parent id");
    int devStart = pos[0];
    int devEnd = fieldEnd(b, devStart, to);
    int colon = indexOf(b, devStart, devEnd, (byte) ':');
    if (colon < 0) {
      throw bad(source, lineNo, "expected MAJOR:MINOR as field 3");
    }
    int major = (int) parseDigits(b, devStart, colon, source, lineNo, "major");
    int minor = (int) parseDigits(b, colon + 1, devEnd, source, lineNo, "minor");
    pos[0] = next(devEnd, to);
    String root = field(b, pos, to, source, lineNo, "root");
    String mountPoint = field(b, pos, to, source, lineNo, "mount point");
    String options = field(b, pos, to, source, lineNo, "mount options");
    List<String> optional = List.of();
    while (true) {
      if (pos[0] >= to) {
        throw bad(source, lineNo, "no '-' separator before the filesystem type");
      }
      int end = fieldEnd(b, pos[0], to);
      if (end - pos[0] == 1 && b[pos[0]] == '-') {
        pos[0] = next(end, to);
        break;
      }
      if (optional.isEmpty()) {
        optional = new ArrayList<>(2);
      }
      optional.add(decode(b, pos[0], end));
      pos[0] = next(end, to);
    }
    String fsType = field(b, pos, to, source, lineNo, "filesystem type");
    String src = field(b, pos, to, source, lineNo, "source");
    String superOptions = pos[0] < to ? decode(b, pos[0], to) : "";
    return new MountEntry(id, parent, major, minor, root, mountPoint, options,
        optional.isEmpty() ? List.of() : List.copyOf(optional), fsType, src, superOptions);
  }

  private static long number(byte[] b, int[] pos, int to, String source, long lineNo, String what) {
    int end = fieldEnd(b, pos[0], to);
    long v = parseDigits(b, pos[0], end, source, lineNo, what);
    pos[0] = next(end, to);
    return v;
  }

  private static long parseDigits(byte[] b, int from, int to, String source, long lineNo, String what) {
    if (from >= to) {
      throw bad(source, lineNo, "missing " + what);
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw bad(source, lineNo, what + " is not a number: '" + decode(b, from, to) + "'");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static String field(byte[] b, int[] pos, int to, String source, long lineNo, String what) {
    if (pos[0] >= to) {
      throw bad(source, lineNo, "missing " + what);
    }
    int end = fieldEnd(b, pos[0], to);
    String s = decode(b, pos[0], end);
    pos[0] = next(end, to);
    return s;
  }

  private static int fieldEnd(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] != ' ') {
      i++;
    }
    return i;
  }

  private static int next(int end, int to) {
    return end < to ? end + 1 : to;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** UTF-8 text of b[from..to) with \ooo escapes replaced by the byte they stand for. */
  static String decode(byte[] b, int from, int to) {
    int bs = indexOf(b, from, to, (byte) '\\');
    if (bs < 0) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\\' && isOctal(b, i + 1, to) && isOctal(b, i + 2, to) && isOctal(b, i + 3, to)) {
        out[n++] = (byte) (((b[i + 1] - '0') << 6) | ((b[i + 2] - '0') << 3) | (b[i + 3] - '0'));
        i += 3;
      } else {
        out[n++] = b[i];
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte[] b, int i, int to) {
    return i < to && b[i] >= '0' && b[i] <= '7';
  }

  private static InputException bad(String source, long lineNo, String message) {
    return InputException.at(source, lineNo, "not a mountinfo line: " + message);
  }
}
