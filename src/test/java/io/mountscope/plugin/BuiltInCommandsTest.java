package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.cli.MountscopeCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BuiltInCommandsTest {
  @Test
  void the_reserved_names_are_every_command_and_alias_mountscope_has() {
    Set<String> declared = new HashSet<>();
    new CommandLine(new MountscopeCommand()).getSubcommands().forEach((name, sub) -> {
      declared.add(name);
      declared.addAll(List.of(sub.getCommandSpec().aliases()));
    });
    assertThat(BuiltInCommands.TOP_LEVEL).containsExactlyInAnyOrderElementsOf(declared);
    assertThat(BuiltInCommands.names()).contains("dash", "exit", "snapshot", "bench");
  }
}
