package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Unavailable;
import java.io.IOException;
import java.util.List;

/** Where the kubelet's log is read from: a file, or systemd's journal. Each read returns the lines new since the last. */
sealed interface KubeletLog extends AutoCloseable permits LogFile, JournalLog {
  /** The complete lines written since the last call (the first call: the recent tail). */
  List<String> readNew() throws Unavailable, IOException;

  /** What is read, for the part and the panel: the file's path, or "journal:UNIT". */
  String describe();

  /** Rotations and truncations seen so far (a journal has none). */
  long rotations();

  @Override
  void close();
}
