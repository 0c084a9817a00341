package io.mountscope.tui;

import io.mountscope.tui.panel.PanelId;
import io.mountscope.tui.panel.TableState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the user has done to the view: focus, zoom, filters and sorts, overlays, pause, messages. Owned by the UI thread. */
final class ViewState {
  /** What covers the panels, if anything. */
  enum Overlay { NONE, HELP, RECIPES, RECIPE_RUN }

  PanelId focus = PanelId.TOPOLOGY;
  boolean zoomed;
  Overlay overlay = Overlay.NONE;
  int overlayScroll;
  /** The filter being typed after '/', or null; the filter before it, restored by Esc. */
  StringBuilder filterDraft;
  String filterBefore = "";
  /** Live view frozen by 'p' (a replay pauses its own clock instead). */
  boolean paused;
  /** Ctrl-L or a resize: repaint every cell. */
  boolean fullRedraw;
  List<Recipes.Entry> recipes = List.of();
  String recipesError;
  /** The recipe highlighted in the list ('r'). */
  int recipeSelected;
  /** The recipe running (or last run) in the recipe panel; null before the first. */
  RecipeSession recipe;
  private final Map<PanelId, TableState> tables = new EnumMap<>(PanelId.class);
  private String message;
  private long messageUntilNanos;

  TableState table(PanelId id) {
    return tables.computeIfAbsent(id, k -> new TableState());
  }

  /** Shows {@code text} in the status bar for a few seconds. */
  void message(String text, long nowNanos) {
    message = text;
    messageUntilNanos = nowNanos + 4_000_000_000L;
  }

  /** The message still showing at {@code nowNanos}, or null. */
  String message(long nowNanos) {
    return message != null && nowNanos < messageUntilNanos ? message : null;
  }

  /** When the message disappears, so the loop can wake up to repaint; Long.MAX_VALUE if none. */
  long messageExpiry(long nowNanos) {
    return message != null && nowNanos < messageUntilNanos ? messageUntilNanos : Long.MAX_VALUE;
  }

  boolean editingFilter() {
    return filterDraft != null;
  }
}
