package io.mountscope.store;

import java.util.Locale;

/**
 * Where a recording stops being readable: the file, the sample that could not be read (counted
 * from 1 over the whole recording), the byte of that file where its gzip member begins
 * (everything before it is intact), and why.
 */
public record RecordingDamage(String file, long sample, long byteOffset, String reason) {

  /** "stopped at sample 812 (byte 3,145,728 of rec.jsonl.gz): unexpected end of gzip stream". */
  public String line() {
    return String.format(Locale.US, "stopped at sample %d (byte %,d of %s): %s", sample, byteOffset, file, reason);
  }
}
