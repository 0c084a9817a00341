package io.mountscope.probe;

import java.util.Map;
import java.util.Optional;

/**
 * Server microarchitectures newer than OSHI's table, by cpuid vendor, family and model (from the
 * vendors' published model numbers). Only parts that matter for the contention risk are listed.
 */
final class Microarchitectures {
  private static final Map<String, String> NEWER = Map.of(
      "GenuineIntel/6/143", "Sapphire Rapids",
      "GenuineIntel/6/207", "Emerald Rapids",
      "GenuineIntel/6/173", "Granite Rapids",
      "GenuineIntel/6/174", "Granite Rapids",
      "GenuineIntel/6/175", "Sierra Forest",
      "GenuineIntel/6/221", "Clearwater Forest",
      "AuthenticAMD/25/17", "Zen 4",
      "AuthenticAMD/25/160", "Zen 4c",
      "AuthenticAMD/26/2", "Zen 5",
      "AuthenticAMD/26/17", "Zen 5c");

  private Microarchitectures() {}

  static Optional<String> newer(String vendor, String family, String model) {
    return Optional.ofNullable(NEWER.get(vendor + "/" + family.trim() + "/" + model.trim()));
  }
}
