package io.mountscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.util.Json;

/**
 * A snapshot of a quiet node. Other test runs on this shared machine start mount storms without
 * holding {@link KernelExclusive} (they count nothing system-wide), so a quiet window is waited
 * for: a snapshot in which the node issued no mount syscalls at all.
 */
public final class QuietNode {
  private QuietNode() {}

  /** The first `snapshot --json` (window {@code seconds}) with no mount syscalls, within {@code tries} attempts. */
  public static JsonNode snapshot(double seconds, int tries) throws Exception {
    JsonNode last = null;
    for (int i = 0; i < tries; i++) {
      Launcher.Result r = Launcher.run("snapshot", "--json", "--window", Double.toString(seconds));
      if (r.exitCode() != 0) {
        throw new AssertionError("snapshot failed: " + r.err());
      }
      last = Json.mapper().readTree(r.out());
      JsonNode activity = last.get("mountActivity");
      if (activity != null && !activity.isNull() && activity.get("totalRate").asDouble() == 0) {
        return last;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("the node was never quiet (someone else's mount storm?): " + last.get("mountActivity"));
  }
}
