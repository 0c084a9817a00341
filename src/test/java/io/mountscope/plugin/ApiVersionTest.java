package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which plugins a console of API 1.3 loads: same major, minor not newer, and a well-formed version. */
class ApiVersionTest {
  @Test
  void a_console_loads_plugins_of_its_major_built_for_its_minor_or_older() {
    assertThat(ApiVersion.refusal("1.0", "1.3")).isEmpty();
    assertThat(ApiVersion.refusal("1.3", "1.3")).isEmpty();
    assertThat(ApiVersion.refusal(" 1.2 ", "1.3")).isEmpty();
  }

  @Test
  void a_newer_minor_another_major_or_nonsense_is_refused_with_both_versions() {
    assertThat(ApiVersion.refusal("1.4", "1.3")).hasValue("built for plugin API 1.4, newer than this mountscope's 1.3 (upgrade mountscope)");
    assertThat(ApiVersion.refusal("2.0", "1.3")).hasValue("built for plugin API 2.0; this mountscope has API 1.3 (the major version must match)");
    assertThat(ApiVersion.refusal("0.9", "1.3")).hasValue("built for plugin API 0.9; this mountscope has API 1.3 (the major version must match)");
    assertThat(ApiVersion.refusal("one", "1.3")).hasValue("declares API version 'one', expected MAJOR.MINOR such as 1.3");
    assertThat(ApiVersion.refusal(null, "1.3")).hasValue("declares API version 'null', expected MAJOR.MINOR such as 1.3");
  }

  @Test
  void this_console_is_api_1_1_and_still_loads_plugins_built_for_1_0() {
    assertThat(io.mountscope.plugin.api.PluginApi.VERSION).isEqualTo("1.1");
    assertThat(ApiVersion.refusal("1.0")).isEmpty();
    assertThat(ApiVersion.refusal("1.1")).isEmpty();
    assertThat(ApiVersion.refusal("1.2")).hasValue("built for plugin API 1.2, newer than this mountscope's 1.1 (upgrade mountscope)");
    // Recipe steps came with 1.1: a plugin that adds one must declare 1.1 or newer.
    assertThat(ApiVersion.refusal(io.mountscope.plugin.api.RecipeStep.SINCE, "1.0")).isPresent();
    assertThat(ApiVersion.refusal(io.mountscope.plugin.api.RecipeStep.SINCE, "1.1")).isEmpty();
  }
}
