package io.mountscope.recipe.actuator;

import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writing and reading back single-value kernel files (/proc/sys, /sys, cgroup files). */
final class SysFiles {
  private SysFiles() {}

  /** Writes {@code value} in one write(2), as {@code echo value > file} does; the kernel's error is the message. */
  static void write(Path file, String value) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8));
      ch.write(buf);
    } catch (AccessDeniedException e) {
      throw new UnavailableException("cannot write " + file + ": permission denied", "run as root");
    } catch (IOException e) {
      throw new IllegalStateException("cannot write '" + value + "' to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file's value, or an error that names it. */
  static String read(Path file) {
    return Procfs.read(file).orElseThrow(() -> new IllegalStateException("cannot read " + file));
  }

  /** Writes, reads back, and fails unless the kernel now holds the value (whitespace aside). */
  static String writeChecked(Path file, String value) {
    write(file, value);
    String back = read(file);
    if (!same(back, value)) {
      throw new IllegalStateException(file + ": wrote '" + value + "' but it reads back '" + back + "'");
    }
    return "reads back " + normal(back);
  }

  /** Kernel files print lists with tabs or several spaces; compare them as words. */
  static boolean same(String a, String b) {
    return a != null && b != null && normal(a).equals(normal(b));
  }

  static String normal(String s) {
    return s.trim().replaceAll("\\s+", " ");
  }
}
