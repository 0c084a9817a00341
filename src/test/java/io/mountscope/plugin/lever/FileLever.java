package io.mountscope.plugin.lever;

import io.mountscope.plugin.api.Actuator;
import io.mountscope.plugin.api.PluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin actuator for the tests, standing in for an orchestrator's knob: a target is a file in
 * the directory of the plugin's "dir" setting, its value the file's content.
 */
public final class FileLever implements Actuator {
  private Path dir;

  @Override
  public String name() {
    return "lever-file";
  }

  @Override
  public String describe() {
    return "target: a file in the lever's directory; value: its content";
  }

  @Override
  public void init(PluginContext context) {
    dir = Path.of(context.setting("dir").orElseThrow(() -> new IllegalStateException("no dir setting")));
  }

  private Path file(String target) {
    if (!target.matches("[a-z-]+")) {
      throw new IllegalArgumentException("not a lever name: " + target);
    }
    return dir.resolve(target);
  }

  @Override
  public String read(String target) throws Exception {
    return Files.readString(file(target), StandardCharsets.UTF_8);
  }

  @Override
  public String write(String target, String value) throws Exception {
    Files.writeString(file(target), value, StandardCharsets.UTF_8);
    return read(target);
  }
}
