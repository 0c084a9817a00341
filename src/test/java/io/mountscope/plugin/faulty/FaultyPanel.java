package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import java.util.List;

/** A plugin panel that throws on every frame, for the isolation tests. */
public final class FaultyPanel implements Panel {
  @Override
  public String title() {
    return "faulty";
  }

  @Override
  public List<PanelLine> render(PanelInput input) {
    throw new IllegalStateException("faulty panel cannot draw");
  }
}
