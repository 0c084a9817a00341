package io.mountscope.cli;

import io.mountscope.export.FlameGraph;
import io.mountscope.export.FoldedStacks;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --flamegraph FILE.html and --folded FILE, for the commands that have sampled kernel stacks. */
public final class FlameGraphOptions {
  @Option(names = "--flamegraph", paramLabel = "FILE.html",
      description = "Write the sampled kernel stacks as a flame graph: one self-contained HTML file.")
  Path flamegraph;

  @Option(names = "--folded", paramLabel = "FILE",
      description = "Write them as collapsed stacks (flamegraph.pl, inferno, speedscope).")
  Path folded;

  /** Whether either file was asked for. */
  public boolean any() {
    return flamegraph != null || folded != null;
  }

  /** Writes the files asked for and says where on {@code err}; an unwritable file is exit 2. */
  public void write(FoldedStacks stacks, String title, String subtitle, PrintWriter err) {
    try {
      if (flamegraph != null) {
        FlameGraph.write(stacks, title, subtitle, flamegraph);
        err.println("flame graph of " + stacks.total() + " samples written to " + flamegraph);
      }
      if (folded != null) {
        stacks.write(folded);
        err.println("collapsed stacks (" + stacks.stacks().size() + " stacks, " + stacks.total() + " samples) written to "
            + folded);
      }
      err.flush();
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new InputException("cannot write " + e.getFile() + ": " + (e instanceof NoSuchFileException
          ? "no such directory" : "permission denied"));
    } catch (IOException e) {
      throw new InputException("cannot write the flame graph: " + e.getMessage());
    }
  }
}
