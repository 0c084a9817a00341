package io.mountscope.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The release boundaries of docs/containerd.md: which versions idmap every layer of a userns start. */
class IdmapStrategyTest {
  @ParameterizedTest(name = "containerd {0}: {1}")
  @CsvSource({
      "1.6.20~ds1, NONE",
      "1.7.27, NONE",
      "v2.0.0-rc.4, PER_LAYER",
      "2.0.0, PER_LAYER",
      "2.0.6, PER_LAYER",
      "2.0.7, COMMON_PARENT",
      "2.1.0, PER_LAYER",
      "2.1.4, PER_LAYER",
      "2.1.5, COMMON_PARENT",
      "2.2.0-beta.0, COMMON_PARENT",
      "2.2.1, COMMON_PARENT",
      "3.0.0, COMMON_PARENT"})
  void versions_map_to_the_strategy_their_release_notes_describe(String version, IdmapStrategy expected) {
    assertThat(IdmapStrategy.of(Version.parse(version).orElseThrow())).isEqualTo(expected);
  }

  @Test
  void the_server_version_is_read_from_ctr_version() {
    String out = "Client:\n  Version:  1.6.20~ds1\n  Revision: 1.6.20~ds1-1+deb12u3\n  Go version: go1.19.8\n\n"
        + "Server:\n  Version:  2.1.4\n  Revision: 75cb2b7\n  UUID: d1c147e9\n";
    Version v = Version.ofCtrVersion(out).orElseThrow();
    assertThat(v).isEqualTo(new Version(2, 1, 4, "2.1.4"));
    assertThat(IdmapStrategy.of(v).perLayer()).isTrue();
    assertThat(IdmapStrategy.of(null).perLayer()).isNull();
  }
}
