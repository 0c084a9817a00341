package io.mountscope.plugin;

import io.mountscope.plugin.api.PluginContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plugin's context: settings from the environment, then /etc/mountscope/plugins/NAME.properties; a logger. */
final class Context implements PluginContext {
  private final String name;
  private final Properties file = new Properties();
  private final Logger log;

  Context(String name, boolean root) {
    this.name = name;
    this.log = LoggerFactory.getLogger("plugin." + name);
    Path props = PluginDirs.ETC.resolve(name + ".properties");
    if (Files.isRegularFile(props)) {
      Optional<String> refused = root ? Ownership.refusal(props) : Optional.empty();
      if (refused.isPresent()) {
        log.warn("ignoring {}: {}", props, refused.get());
      } else {
        try (Reader r = Files.newBufferedReader(props)) {
          file.load(r);
        } catch (IOException | IllegalArgumentException e) {
          log.warn("cannot read {}", props, e);
        }
      }
    }
  }

  /** The environment variable of a setting: MOUNTSCOPE_PLUGIN_KUBELET_URL for kubelet's "url". */
  static String variable(String plugin, String key) {
    return ("MOUNTSCOPE_PLUGIN_" + plugin + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  @Override
  public String pluginName() {
    return name;
  }

  @Override
  public Optional<String> setting(String key) {
    String env = System.getenv(variable(name, key));
    if (env != null && !env.isBlank()) {
      return Optional.of(env);
    }
    return Optional.ofNullable(file.getProperty(key));
  }

  @Override
  public void log(String message, Throwable error) {
    if (error == null) {
      log.info(message);
    } else {
      log.warn(message, error);
    }
  }
}
