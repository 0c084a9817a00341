package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jline.console.ArgDesc;
import org.jline.console.CmdDesc;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/** The help shown while a command is typed comes from its picocli annotations. */
class InlineHelpTest {
  private final CommandSpec console = CommandTree.create(new RecordingControl()).getCommandSpec();

  private static List<String> main(CmdDesc d) {
    return d.getMainDesc().stream().map(AttributedString::toString).toList();
  }

  @Test
  void typing_snapshot_shows_its_synopsis_and_purpose() {
    CmdDesc d = InlineHelp.describe(console, List.of("snapshot", ""));
    assertThat(main(d)).containsExactly("snapshot [-hV] [--json] [--window=SECONDS]",
        "Take one full sample of the node and print it, then exit.");
    assertThat(d.optionWithValue("--window")).isTrue();
    assertThat(d.optionDescription("--window=SECONDS").toString()).contains("Seconds between the two reads");
  }

  @Test
  void the_tail_tip_names_the_parameters_still_to_come() {
    CmdDesc explain = InlineHelp.describe(console, List.of("explain", ""));
    assertThat(explain.getArgsDesc()).extracting(ArgDesc::getName).containsExactly("[TOPIC]");
    CmdDesc bench = InlineHelp.describe(console, List.of("bench", ""));
    assertThat(bench.getArgsDesc()).extracting(ArgDesc::getName).containsExactly("COMMAND");
    CmdDesc startup = InlineHelp.describe(console, List.of("bench", "startup", "--runs", "3", ""));
    assertThat(main(startup).get(0)).startsWith("bench startup ");
    assertThat(startup.getArgsDesc()).extracting(ArgDesc::getName).containsExactly("startup");
  }

  @Test
  void nothing_is_described_until_a_command_is_named() {
    assertThat(InlineHelp.describe(console, List.of("snap"))).isNull();
    assertThat(InlineHelp.describe(console, List.of())).isNull();
  }
}
