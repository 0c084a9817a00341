package io.mountscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Arrays;

/**
 * The complete settings of a terminal (the kernel's struct termios, byte for byte), saved once and
 * put back exactly. Terminal libraries restore only the flags they model (JLine drops IEXTEN and,
 * with its JNI provider, the line speed); this is what makes "the terminal is as the shell had
 * it" exact.
 */
public final class TtySettings {
  // asm-generic ioctls, the same on x86_64 and aarch64; the kernel's struct termios is 36 bytes.
  private static final long TCGETS = 0x5401;
  private static final long TCSETSW = 0x5403;
  private static final int SIZE = 64;

  private final int fd;
  private final byte[] termios;

  private TtySettings(int fd, byte[] termios) {
    this.fd = fd;
    this.termios = termios;
  }

  /** The current settings of the terminal on {@code fd}, or null when it is not a terminal. */
  public static TtySettings save(int fd) {
    Memory m = new Memory(SIZE);
    m.clear();
    if (LibC.ioctl(fd, TCGETS, Pointer.nativeValue(m)) != 0) {
      return null;
    }
    return new TtySettings(fd, m.getByteArray(0, SIZE));
  }

  /** Puts the saved settings back, after pending output is written; false if the terminal refused. */
  public boolean restore() {
    Memory m = new Memory(SIZE);
    m.write(0, termios, 0, SIZE);
    return LibC.ioctl(fd, TCSETSW, Pointer.nativeValue(m)) == 0;
  }

  /** True when the terminal's settings are exactly the saved ones now. */
  public boolean current() {
    TtySettings now = save(fd);
    return now != null && Arrays.equals(now.termios, termios);
  }
}
