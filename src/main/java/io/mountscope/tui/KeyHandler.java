package io.mountscope.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.mountscope.tui.panel.Panel;
import io.mountscope.tui.panel.PanelId;
import io.mountscope.tui.panel.TableState;
import java.io.IOException;
import java.util.List;

/**
 * The keys: Tab/arrows focus, Enter zoom, Esc back, '/' filter, 's' sort, 'p' pause, '?' help,
 * ':' console, 'r' recipes (Enter runs one in the recipe panel), 'q' quit; in a replay also step,
 * seek and speed. No mouse needed.
 */
final class KeyHandler {
  private final List<Panel> panels;
  private final DashboardOptions options;
  private final Playback playback;
  private final RecipeKeys recipes;

  KeyHandler(List<Panel> panels, DashboardOptions options, Playback playback, Runnable wake) {
    this.panels = panels;
    this.options = options;
    this.playback = playback;
    this.recipes = new RecipeKeys(options, wake);
  }

  /** Applies {@code k} to the view; returns why the dashboard should end, or null to go on. */
  ExitReason handle(KeyStroke k, ViewState s, Layout layout, long now) {
    KeyType type = k.getKeyType();
    Character c = type == KeyType.Character ? k.getCharacter() : null;
    if (type == KeyType.EOF) {
      return ExitReason.HANGUP;
    }
    boolean recipeRunning = s.recipe != null && !s.recipe.finished();
    if (c != null && k.isCtrlDown() && (c == 'c' || c == 'C')) {
      if (recipeRunning) {
        s.recipe.stop(); // Ctrl-C stops the recipe (which rolls back), not the dashboard
        s.overlay = ViewState.Overlay.RECIPE_RUN;
        return null;
      }
      return ExitReason.INTERRUPTED;
    }
    if (type == KeyType.EOF && recipeRunning) {
      s.recipe.stop();
    }
    if (c != null && k.isAltDown() && !k.isCtrlDown()) {
      // Esc followed quickly by a key arrives as Alt+key; nothing here uses Alt, so it is both keys.
      ExitReason r = handle(new KeyStroke(KeyType.Escape), s, layout, now);
      return r != null ? r : handle(new KeyStroke(c, false, false), s, layout, now);
    }
    if (c != null && k.isCtrlDown()) {
      if (c == 'l' || c == 'L') {
        s.fullRedraw = true;
      } else if (c == 'z' || c == 'Z') {
        s.message("Ctrl-Z does nothing here: q quits, : opens the console", now);
      }
      return null;
    }
    if (s.editingFilter()) {
      editFilter(k, s);
      return null;
    }
    if (s.overlay == ViewState.Overlay.RECIPE_RUN && s.recipe != null) {
      recipes.panelKey(k, s);
      return null;
    }
    if (s.overlay == ViewState.Overlay.RECIPES && recipes.listKey(k, s, now)) {
      return null;
    }
    if (s.overlay != ViewState.Overlay.NONE) {
      overlayKey(k, s);
      return null;
    }
    switch (type) {
      case Tab -> move(s, 1);
      case ReverseTab -> move(s, -1);
      case ArrowLeft -> s.focus = s.zoomed ? s.focus : layout.neighbour(s.focus, Layout.Direction.LEFT);
      case ArrowRight -> s.focus = s.zoomed ? s.focus : layout.neighbour(s.focus, Layout.Direction.RIGHT);
      case ArrowUp -> scrollOrMove(s, layout, -1, Layout.Direction.UP);
      case ArrowDown -> scrollOrMove(s, layout, 1, Layout.Direction.DOWN);
      case PageUp -> scrollPage(s, layout, -1);
      case PageDown -> scrollPage(s, layout, 1);
      case Home -> s.table(s.focus).scroll(0);
      case Enter -> {
        s.zoomed = !s.zoomed;
        s.table(s.focus).scroll(0);
      }
      case Escape -> escape(s, now);
      case F1 -> s.overlay = ViewState.Overlay.HELP;
      case Character -> {
        return character(c, s, now);
      }
      default -> {
        // other keys (function keys, Insert, Delete) do nothing
      }
    }
    return null;
  }

  private ExitReason character(char c, ViewState s, long now) {
    switch (c) {
      case 'q', 'Q' -> {
        return options.openedFromConsole() ? ExitReason.BACK_TO_CONSOLE : ExitReason.QUIT;
      }
      case ':' -> {
        if (options.consoleAvailable()) {
          return ExitReason.OPEN_CONSOLE;
        }
        s.message("the console is not part of this build; q quits", now);
      }
      case '?', 'h' -> {
        s.overlay = ViewState.Overlay.HELP;
        s.overlayScroll = 0;
      }
      case 'r' -> openRecipes(s);
      case '/' -> {
        s.filterBefore = s.table(s.focus).filter();
        s.filterDraft = new StringBuilder(s.filterBefore);
      }
      case 's' -> sort(s, now);
      case 'S' -> {
        s.table(s.focus).reverse();
        s.message("order reversed", now);
      }
      case 'p', ' ' -> togglePause(s, now);
      default -> {
        if (!replayKey(c, s, now)) {
          s.message("'" + c + "' does nothing here: ? lists the keys", now);
        }
      }
    }
    return null;
  }

  private boolean replayKey(char c, ViewState s, long now) {
    if (playback == null) {
      return false;
    }
    switch (c) {
      case '.' -> playback.step(1);
      case ',' -> playback.step(-1);
      case ']' -> playback.seekBy(10_000);
      case '[' -> playback.seekBy(-10_000);
      case '}' -> playback.seekBy(60_000);
      case '{' -> playback.seekBy(-60_000);
      case '+', '=' -> playback.speed(playback.speed() * 2);
      case '-' -> playback.speed(playback.speed() / 2);
      case 'g' -> playback.seekTo(Long.MIN_VALUE);
      case 'G' -> playback.seekTo(Long.MAX_VALUE);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void togglePause(ViewState s, long now) {
    if (playback != null) {
      playback.pause(!playback.paused());
    } else {
      s.paused = !s.paused;
      s.message(s.paused ? "paused: the view is frozen, sampling goes on; p resumes" : "resumed", now);
    }
  }

  private void sort(ViewState s, long now) {
    Panel p = panel(s.focus);
    List<String> cols = p.sortColumns();
    if (cols.isEmpty()) {
      s.message(s.focus.title() + " has no table to sort", now);
      return;
    }
    TableState t = s.table(s.focus);
    t.nextSort(cols.size());
    s.message(t.sortColumn() < 0 ? "sorted in the panel's own order" : "sorted by " + cols.get(t.sortColumn())
        + " (S reverses)", now);
  }

  private void editFilter(KeyStroke k, ViewState s) {
    TableState t = s.table(s.focus);
    switch (k.getKeyType()) {
      case Enter -> s.filterDraft = null;
      case Escape -> {
        t.filter(s.filterBefore);
        s.filterDraft = null;
      }
      case Backspace -> {
        if (s.filterDraft.length() > 0) {
          s.filterDraft.setLength(s.filterDraft.length() - 1);
        }
        t.filter(s.filterDraft.toString());
      }
      case Character -> {
        if (s.filterDraft.length() < 64) {
          s.filterDraft.append(k.getCharacter());
        }
        t.filter(s.filterDraft.toString());
      }
      default -> {
        // arrows and the like while typing: ignored
      }
    }
  }

  private void overlayKey(KeyStroke k, ViewState s) {
    switch (k.getKeyType()) {
      case ArrowDown -> s.overlayScroll++;
      case ArrowUp -> s.overlayScroll = Math.max(0, s.overlayScroll - 1);
      case PageDown -> s.overlayScroll += 10;
      case PageUp -> s.overlayScroll = Math.max(0, s.overlayScroll - 10);
      case Escape, Enter -> s.overlay = ViewState.Overlay.NONE;
      case Character -> {
        char c = k.getCharacter();
        if (c == 'q' || c == '?' || c == 'r' || c == 'h') {
          s.overlay = ViewState.Overlay.NONE;
        }
      }
      default -> {
        // ignored while an overlay is open
      }
    }
  }

  private void escape(ViewState s, long now) {
    if (s.zoomed) {
      s.zoomed = false;
    } else if (!s.table(s.focus).filter().isEmpty()) {
      s.table(s.focus).filter("");
      s.message("filter cleared", now);
    }
  }

  private void move(ViewState s, int by) {
    List<PanelId> ids = panels.stream().map(Panel::id).toList();
    s.focus = ids.get(Math.floorMod(ids.indexOf(s.focus) + by, ids.size()));
    s.table(s.focus).scroll(0);
  }

  private void scrollOrMove(ViewState s, Layout layout, int by, Layout.Direction d) {
    if (s.zoomed) {
      TableState t = s.table(s.focus);
      t.scroll(t.scroll() + by);
    } else {
      s.focus = layout.neighbour(s.focus, d);
    }
  }

  private void scrollPage(ViewState s, Layout layout, int pages) {
    if (s.zoomed) {
      TableState t = s.table(s.focus);
      t.scroll(t.scroll() + pages * Math.max(1, layout.rows() - 6));
    }
  }

  private void openRecipes(ViewState s) {
    if (s.recipe != null && !s.recipe.finished()) {
      s.overlay = ViewState.Overlay.RECIPE_RUN; // a recipe runs: 'r' brings its panel back
      return;
    }
    s.overlay = ViewState.Overlay.RECIPES;
    s.overlayScroll = 0;
    try {
      s.recipes = Recipes.list(options.recipesDir());
      s.recipesError = null;
    } catch (IOException e) {
      s.recipes = List.of();
      s.recipesError = "cannot read " + options.recipesDir() + ": " + e.getMessage();
    }
  }

  private Panel panel(PanelId id) {
    return panels.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }
}
