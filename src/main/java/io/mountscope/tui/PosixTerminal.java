package io.mountscope.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.mountscope.kernel.LibC;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Lanterna's ANSI terminal on this process's tty, with the tty settings handled in-process through
 * ioctl rather than by running stty: no child processes at start-up, and the saved settings can be
 * put back from a shutdown hook (SIGTERM) as reliably as on q. Size comes from TIOCGWINSZ and
 * follows SIGWINCH. Input is read through poll(2) so that stopping the reader never swallows a key
 * meant for whoever uses the terminal next (the console).
 */
final class PosixTerminal extends ANSITerminal {
  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  // Linux ioctls and termios bits; the same on x86_64 and aarch64.
  private static final long TCGETS = 0x5401;
  private static final long TCSETS = 0x5402;
  private static final long TIOCGWINSZ = 0x5413;
  private static final long FIONREAD = 0x541B;
  private static final int TERMIOS_SIZE = 64;
  private static final int IFLAG = 0;
  private static final int LFLAG = 12;
  private static final int CC = 17;
  private static final int VTIME = 5;
  private static final int VMIN = 6;
  private static final int IXON = 0x400;
  private static final int ISIG = 0x1;
  private static final int ICANON = 0x2;
  private static final int ECHO = 0x8;
  private static final int IEXTEN = 0x8000;

  private final PolledStdin input;
  private Memory saved;
  private SignalHandler previousWinch;

  private PosixTerminal(PolledStdin input, Charset charset) {
    super(input, new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), charset);
    this.input = input;
  }

  /** The terminal on stdin/stdout, not yet in raw mode. */
  static PosixTerminal open(Charset charset) {
    return new PosixTerminal(new PolledStdin(), charset);
  }

  /** Saves the tty settings and switches to raw input: no echo, no line editing, no signal keys. */
  synchronized void enterRawMode() throws IOException {
    Memory t = new Memory(TERMIOS_SIZE);
    t.clear();
    if (LibC.ioctl(STDIN, TCGETS, Pointer.nativeValue(t)) != 0) {
      throw new IOException("cannot read the terminal settings of stdin (TCGETS)");
    }
    saved = new Memory(TERMIOS_SIZE);
    saved.write(0, t.getByteArray(0, TERMIOS_SIZE), 0, TERMIOS_SIZE);
    t.setInt(IFLAG, t.getInt(IFLAG) & ~IXON);
    t.setInt(LFLAG, t.getInt(LFLAG) & ~(ISIG | ICANON | ECHO | IEXTEN));
    t.setByte(CC + VMIN, (byte) 1);
    t.setByte(CC + VTIME, (byte) 0);
    if (LibC.ioctl(STDIN, TCSETS, Pointer.nativeValue(t)) != 0) {
      saved = null;
      throw new IOException("cannot set the terminal to raw mode (TCSETS)");
    }
  }

  /** Puts the saved tty settings back (idempotent). */
  synchronized void restoreSettings() {
    if (saved != null) {
      LibC.ioctl(STDIN, TCSETS, Pointer.nativeValue(saved));
      saved = null;
    }
  }

  /** Re-reads the size on SIGWINCH, which tells the resize listeners. */
  void watchResizes() {
    previousWinch = Signal.handle(new Signal("WINCH"), sig -> {
      try {
        getTerminalSize();
      } catch (IOException ignored) {
        // the next frame asks again
      }
    });
  }

  /** Stops reading input (the reader sees end of input) and gives SIGWINCH back. */
  void stopInput() {
    input.stop();
    if (previousWinch != null) {
      Signal.handle(new Signal("WINCH"), previousWinch);
      previousWinch = null;
    }
  }

  @Override
  protected TerminalSize findTerminalSize() throws IOException {
    Memory ws = new Memory(8);
    ws.clear();
    if (LibC.ioctl(STDOUT, TIOCGWINSZ, Pointer.nativeValue(ws)) == 0) {
      int rows = ws.getShort(0) & 0xffff;
      int cols = ws.getShort(2) & 0xffff;
      if (rows > 0 && cols > 0) {
        return new TerminalSize(cols, rows);
      }
    }
    return super.findTerminalSize();
  }

  /**
   * stdin read only when poll(2) says there is something, and given up within a second of stop():
   * a blocked read(2) could not be abandoned and would eat the console's next key.
   */
  static final class PolledStdin extends InputStream {
    private final Memory pollfd = new Memory(8);
    private final Memory count = new Memory(4);
    private volatile boolean stopped;

    void stop() {
      stopped = true;
    }

    @Override
    public int read() throws IOException {
      byte[] b = new byte[1];
      return read(b, 0, 1) <= 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (!stopped) {
        pollfd.setInt(0, STDIN);
        pollfd.setShort(4, (short) 1); // POLLIN
        pollfd.setShort(6, (short) 0);
        int r = LibC.poll(pollfd, 1, 1000);
        if (r > 0 && !stopped) {
          byte[] buf = new byte[len];
          long n = LibC.read(STDIN, buf, len);
          if (n <= 0) {
            return -1; // end of input, or the tty is gone
          }
          System.arraycopy(buf, 0, b, off, (int) n);
          return (int) n;
        }
      }
      return -1;
    }

    @Override
    public int available() {
      count.setInt(0, 0);
      return LibC.ioctl(STDIN, FIONREAD, Pointer.nativeValue(count)) == 0 ? count.getInt(0) : 0;
    }
  }
}
