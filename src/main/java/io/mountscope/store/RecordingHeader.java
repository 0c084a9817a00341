package io.mountscope.store;

import io.mountscope.model.KernelInfo;

/**
 * The first line of every file of a recording: what it is, the Sample schema it was written
 * with, by which mountscope, on which host and kernel. A recording rotated into several files has
 * one {@code recording} id; {@code part} counts its files from 1 (docs/recording.md).
 *
 * @param format always {@link #FORMAT}
 * @param schema the Sample schema version ({@link #SCHEMA} when written by this mountscope)
 * @param startedMillis when the recording began (epoch milliseconds), the same in every part
 * @param intervalMillis the time between two samples the recorder aimed at
 */
public record RecordingHeader(
    String format,
    int schema,
    String mountscopeVersion,
    String recording,
    int part,
    long startedMillis,
    long intervalMillis,
    String host,
    KernelInfo kernel) {

  public static final String FORMAT = "mountscope-recording";

  /**
   * The Sample schema this mountscope writes and reads. Raise it when a Sample field changes name,
   * type or meaning; an older mountscope then refuses the file instead of misreading it.
   */
  public static final int SCHEMA = 1;

  /** The header of the next file of the same recording. */
  RecordingHeader nextPart() {
    return new RecordingHeader(format, schema, mountscopeVersion, recording, part + 1, startedMillis, intervalMillis,
        host, kernel);
  }
}
