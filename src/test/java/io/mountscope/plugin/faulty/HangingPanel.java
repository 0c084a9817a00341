package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import java.util.List;

/** A plugin panel whose render never returns, for the isolation tests. */
public final class HangingPanel implements Panel {
  @Override
  public String title() {
    return "hanging";
  }

  @Override
  public List<PanelLine> render(PanelInput input) {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException ignored) {
        // a careless plugin: it swallows the interrupt and goes on waiting
      }
    }
  }
}
