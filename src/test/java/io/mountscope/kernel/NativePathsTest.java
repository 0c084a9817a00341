package io.mountscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativePathsTest {
  /** The directories ldconfig's cache lists for a library, as JNA would have learnt them. */
  private static List<String> ldconfigDirs(String library) throws Exception {
    Process p = new ProcessBuilder("/sbin/ldconfig", "-p").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    List<String> dirs = new ArrayList<>();
    for (String line : out.split("\n")) {
      int arrow = line.indexOf(" => ");
      if (line.trim().startsWith(library + " ") && arrow > 0) {
        String path = line.substring(arrow + 4).trim();
        dirs.add(path.substring(0, path.lastIndexOf('/')));
      }
    }
    return dirs;
  }

  @Test
  void the_standard_directories_hold_the_libraries_jna_loads_here() throws Exception {
    List<String> dirs = NativePaths.standard(System.getProperty("os.arch"), Path.of("/"));
    for (String lib : new String[] {"libc.so.6", "libudev.so.1"}) {
      List<String> truth = ldconfigDirs(lib);
      assertThat(truth).as("ldconfig knows " + lib).isNotEmpty();
      assertThat(truth).as(lib + " is in a directory JNA is given (" + dirs + ")")
          .anyMatch(d -> dirs.stream().anyMatch(x -> resolved(x).equals(resolved(d))));
    }
  }

  /** /lib is /usr/lib on a merged-/usr system: directories compare by where they lead. */
  private static Path resolved(String dir) {
    try {
      return Path.of(dir).toRealPath();
    } catch (java.io.IOException e) {
      return Path.of(dir);
    }
  }

  @Test
  void only_directories_that_exist_in_jnas_order(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("usr/lib64"));
    Files.createDirectories(root.resolve("lib"));
    Files.createDirectories(root.resolve("lib/aarch64-linux-gnu"));
    assertThat(NativePaths.standard("aarch64", root)).containsExactly("/lib/aarch64-linux-gnu", "/usr/lib64", "/lib");
    assertThat(NativePaths.standard("amd64", root)).containsExactly("/usr/lib64", "/lib");
  }
}
