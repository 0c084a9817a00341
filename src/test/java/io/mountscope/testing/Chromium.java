package io.mountscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium (Debian package chromium) in a network namespace of its own, so a page that
 * tried to load anything from the network would fail to: what it shows, it shows offline.
 */
public final class Chromium {
  private Chromium() {}

  /** The DOM after the page's scripts ran, as Chromium serialises it. */
  public static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
    Launcher.Result r = run(profile, "--dump-dom", url);
    if (r.exitCode() != 0 || !r.out().contains("<html")) {
      throw new AssertionError("chromium --dump-dom " + url + " failed (exit " + r.exitCode() + "): " + r.err());
    }
    return r.out();
  }

  /** A PNG of the page at 1400x800. */
  public static Path screenshot(String url, Path png, Path profile) throws IOException, InterruptedException {
    Launcher.Result r = run(profile, "--screenshot=" + png, "--window-size=1400,800", "--hide-scrollbars", url);
    if (r.exitCode() != 0 || !Files.exists(png)) {
      throw new AssertionError("chromium --screenshot failed (exit " + r.exitCode() + "): " + r.err());
    }
    return png;
  }

  private static Launcher.Result run(Path profile, String... args) throws IOException, InterruptedException {
    Prerequisites.root();
    Path chromium = Prerequisites.command("chromium", "chromium");
    Path unshare = Prerequisites.command("unshare", "util-linux");
    List<String> cmd = new ArrayList<>(List.of(unshare.toString(), "--net", chromium.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=3000"));
    cmd.addAll(List.of(args));
    return Launcher.exec(cmd, Map.of(), 90);
  }
}
