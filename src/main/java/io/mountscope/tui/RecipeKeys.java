package io.mountscope.tui;

import com.googlecode.lanterna.input.KeyStroke;

/**
 * The keys of the recipe list ('r': Up/Down, Enter runs, d runs dry) and of the recipe panel
 * (answer, scroll, Esc stops the recipe or closes the panel once it finished).
 */
final class RecipeKeys {
  private final DashboardOptions options;
  private final Runnable wake;

  RecipeKeys(DashboardOptions options, Runnable wake) {
    this.options = options;
    this.wake = wake;
  }

  /** The recipe list: Up/Down choose, Enter runs, d runs dry; true when the key was one of those. */
  boolean listKey(KeyStroke k, ViewState s, long now) {
    int n = s.recipes.size();
    switch (k.getKeyType()) {
      case ArrowDown -> s.recipeSelected = n == 0 ? 0 : Math.min(n - 1, s.recipeSelected + 1);
      case ArrowUp -> s.recipeSelected = Math.max(0, s.recipeSelected - 1);
      case Enter -> startRecipe(s, false, now);
      case Character -> {
        if (k.getCharacter() != 'd') {
          return false;
        }
        startRecipe(s, true, now);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void startRecipe(ViewState s, boolean dryRun, long now) {
    if (s.recipes.isEmpty() || options.recipesDir() == null) {
      s.overlay = ViewState.Overlay.NONE;
      s.message("no recipe to run", now);
      return;
    }
    if (s.recipe != null && !s.recipe.finished()) {
      s.overlay = ViewState.Overlay.RECIPE_RUN; // one at a time: back to the one running
      return;
    }
    String name = s.recipes.get(Math.min(s.recipeSelected, s.recipes.size() - 1)).name();
    s.recipe = RecipeSession.start(name, options.recipesDir(), dryRun, wake);
    s.overlay = ViewState.Overlay.RECIPE_RUN;
  }

  /** The recipe panel: answer the question, scroll, stop (Esc) or close once finished. */
  void panelKey(KeyStroke k, ViewState s) {
    RecipeSession r = s.recipe;
    RecipeSession.Snapshot snap = r.snapshot();
    boolean asking = snap.question() != null;
    boolean typing = asking && snap.question().freeText();
    boolean choices = asking && !typing && !snap.question().isYesNo();
    switch (k.getKeyType()) {
      case Escape -> {
        if (r.finished()) {
          s.overlay = ViewState.Overlay.NONE;
        } else {
          r.stop();
        }
      }
      case Enter -> {
        if (asking) {
          r.pickChoice();
        } else if (r.finished()) {
          s.overlay = ViewState.Overlay.NONE;
        }
      }
      case ArrowLeft -> r.moveChoice(-1);
      case ArrowRight -> r.moveChoice(1);
      case ArrowUp -> {
        if (choices) {
          r.moveChoice(-1);
        } else {
          r.scroll(1);
        }
      }
      case ArrowDown -> {
        if (choices) {
          r.moveChoice(1);
        } else {
          r.scroll(-1);
        }
      }
      case PageUp -> r.scroll(10);
      case PageDown -> r.scroll(-10);
      case Backspace -> r.type('\b');
      case Character -> {
        char c = Character.toLowerCase(k.getCharacter());
        if (typing) {
          r.type(k.getCharacter());
        } else if (asking && !choices && (c == 'y' || c == 'n')) {
          r.answer(c == 'y' ? "yes" : "no");
        } else if (r.finished() && (c == 'q' || c == 'r')) {
          s.overlay = ViewState.Overlay.NONE;
        }
      }
      default -> {
        // nothing else acts in the recipe panel
      }
    }
  }
}
