package io.mountscope.stress;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a storm (the stable JSON of {@code stress --json}, docs/json.md). Counts and
 * latency cover the measured phase; {@code setupSyscalls} are the rest the run issued (namespace
 * and scratch set-up, warm-up, tear-down), so the kernel saw {@code syscalls + setupSyscalls}.
 * {@code latencyHistogram} is the HdrHistogram (nanoseconds, compressed, base64) for statistics.
 */
public record StressResult(
    Pattern pattern,
    int layers,
    int threads,
    Namespace namespace,
    List<Integer> cpus,
    long starts,
    long failedStarts,
    long warmupStarts,
    double seconds,
    double startsPerSecond,
    Latency latencyMillis,
    SyscallCounts syscalls,
    double syscallsPerSecond,
    SyscallCounts setupSyscalls,
    Map<String, Long> errors,
    Map<String, Map<String, Long>> errorsBySyscall,
    String firstError,
    boolean interrupted,
    String latencyHistogram) {

  /** The latency distribution of the successful measured starts, in nanoseconds. */
  @JsonIgnore
  public Histogram histogram() {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(latencyHistogram)), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt latency histogram", e);
    }
  }

  static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
  }

  /** The same result with the worker's own set-up and tear-down syscalls added. */
  StressResult withSetup(SyscallCounts extra) {
    return new StressResult(pattern, layers, threads, namespace, cpus, starts, failedStarts, warmupStarts, seconds,
        startsPerSecond, latencyMillis, syscalls, syscallsPerSecond, setupSyscalls.plus(extra), errors, errorsBySyscall,
        firstError, interrupted, latencyHistogram);
  }
}
