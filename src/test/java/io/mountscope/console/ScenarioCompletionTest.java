package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.cli.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/** Tab after 'train start' offers the training scenarios of this install. */
class ScenarioCompletionTest {
  @Test
  void train_start_completes_scenario_names_with_their_titles() {
    CommandSpec start = Cli.create().getCommandSpec().subcommands().get("train").getCommandSpec().subcommands()
        .get("start").getCommandSpec();
    assertThat(ValueSources.ruleFor(start, start.positionalParameters().get(0))).isEqualTo("scenario");
    assertThat(ValueSources.ruleFor(start, start.findOption("--answers"))).isEqualTo("file");
    assertThat(Candidates.scenarios()).anySatisfy(c -> {
      assertThat(c.value()).isEqualTo("healthy-node");
      assertThat(c.descr()).isEqualTo("A healthy node (not this incident)");
    });
  }
}
