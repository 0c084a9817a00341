package io.mountscope.kernel;

import io.mountscope.util.Procfs;
import java.math.BigInteger;

/** The effective capabilities of this process, from /proc/self/status. */
public record Capabilities(BigInteger effective) {
  public static final int CAP_SYS_PTRACE = 19;
  public static final int CAP_SYS_ADMIN = 21;
  public static final int CAP_PERFMON = 38;
  public static final int CAP_BPF = 39;

  public static Capabilities current() {
    return new Capabilities(Procfs.selfStatus("CapEff").map(h -> new BigInteger(h, 16)).orElse(BigInteger.ZERO));
  }

  public boolean has(int cap) {
    return effective.testBit(cap);
  }

  public boolean sysAdmin() {
    return has(CAP_SYS_ADMIN);
  }

  /** CAP_PERFMON, or CAP_SYS_ADMIN on kernels before 5.8 where it covered perf. */
  public boolean perfmon() {
    return has(CAP_PERFMON) || has(CAP_SYS_ADMIN);
  }
}
