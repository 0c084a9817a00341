package io.mountscope.stress;

/**
 * The scratch tree of a storm: a tmpfs at {@code root} holding the shared layer directories
 * ({@code layers/0..L-1}) and one working directory per thread ({@code w0}, {@code w1}, ...).
 */
public record Layout(String root) {
  public String layers() {
    return root + "/layers";
  }

  public String layer(int i) {
    return root + "/layers/" + i;
  }

  /** Thread {@code t}'s working directory. */
  public String thread(int t) {
    return root + "/w" + t;
  }

  /** A path relative to the root, as custom patterns write them. */
  public String resolve(String relative) {
    return root + "/" + relative;
  }
}
