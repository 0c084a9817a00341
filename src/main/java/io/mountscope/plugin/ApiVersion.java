package io.mountscope.plugin;

import io.mountscope.plugin.api.PluginApi;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a plugin's declared API version ("M.n") fits this console's: same major, minor not newer. */
final class ApiVersion {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)");

  private ApiVersion() {}

  /** Why {@code declared} cannot load against {@code ours}, or empty when it can. */
  static Optional<String> refusal(String declared, String ours) {
    Matcher d = FORM.matcher(declared == null ? "" : declared.trim());
    Matcher o = FORM.matcher(ours);
    if (!d.matches() || !o.matches()) {
      return Optional.of("declares API version '" + declared + "', expected MAJOR.MINOR such as " + ours);
    }
    int dMajor = Integer.parseInt(d.group(1));
    int oMajor = Integer.parseInt(o.group(1));
    if (dMajor != oMajor) {
      return Optional.of("built for plugin API " + declared + "; this mountscope has API " + ours
          + " (the major version must match)");
    }
    if (Integer.parseInt(d.group(2)) > Integer.parseInt(o.group(2))) {
      return Optional.of("built for plugin API " + declared + ", newer than this mountscope's " + ours
          + " (upgrade mountscope)");
    }
    return Optional.empty();
  }

  static Optional<String> refusal(String declared) {
    return refusal(declared, PluginApi.VERSION);
  }
}
