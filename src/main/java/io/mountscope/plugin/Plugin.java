package io.mountscope.plugin;

import io.mountscope.plugin.api.Actuator;
import io.mountscope.plugin.api.Command;
import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PluginContext;
import io.mountscope.plugin.api.Probe;
import io.mountscope.plugin.api.Rule;
import java.util.List;

/** A loaded plugin: its entry and the instances of what it adds (at most one probe; recipe steps as the engine sees them). */
record Plugin(PluginEntry entry, PluginContext context, Probe probe, List<Panel> panels, List<Rule> rules,
    List<Command> commands, List<Actuator> actuators, List<PluginStep> steps) {

  String name() {
    return entry.name();
  }
}
