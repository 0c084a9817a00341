package io.mountscope.gate;

import java.util.List;

/**
 * The gate's verdict on one image (the JSON of {@code check --json}): the image, the idmap
 * strategy it was judged under, every check, and whether all passed.
 */
public record GateReport(String image, String source, String platform, int layers, String idmap,
    String containerdVersion, boolean passed, List<GateCheck> checks) {

  public List<GateCheck> failed() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }
}
