package io.mountscope.store;

import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The files of a rotated recording: {@code FILE} is always the newest part, {@code FILE.1} the one
 * before it, {@code FILE.2} the one before that, as logrotate names them.
 */
final class RecordingParts {
  private RecordingParts() {}

  static Path rotated(Path file, int k) {
    return file.resolveSibling(file.getFileName() + "." + k);
  }

  /**
   * {@code file} and, before it, the rotated parts that belong to the same recording and follow
   * on without a gap, oldest first. A part left over from another recording ends the chain.
   */
  static List<Path> chain(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new InputException(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": not a file");
    }
    List<Path> out = new ArrayList<>(List.of(file));
    RecordingHeader newest = header(file);
    if (newest == null) {
      return out; // the reader will say what is wrong with it
    }
    for (int k = 1; Files.isRegularFile(rotated(file, k)); k++) {
      RecordingHeader h = header(rotated(file, k));
      if (h == null || !newest.recording().equals(h.recording()) || h.part() != newest.part() - k) {
        break;
      }
      out.add(rotated(file, k));
    }
    Collections.reverse(out);
    return out;
  }

  /** The files a new recording to {@code file} would replace: FILE and FILE.N for every N that exists. */
  static List<Path> existing(Path file) {
    List<Path> out = new ArrayList<>();
    if (Files.exists(file)) {
      out.add(file);
    }
    for (int k = 1; Files.exists(rotated(file, k)); k++) {
      out.add(rotated(file, k));
    }
    return out;
  }

  private static RecordingHeader header(Path p) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      return RecordingReader.open(ByteSource.of(ch), p.toString()).header();
    } catch (IOException | InputException e) {
      return null;
    }
  }
}
