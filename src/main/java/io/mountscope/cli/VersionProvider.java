package io.mountscope.cli;

import picocli.CommandLine.IVersionProvider;

/** "mountscope 0.1.0 (Java 17.0.15)": the jar's Implementation-Version and the runtime. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"mountscope " + version() + " (Java " + Runtime.version() + ")"};
  }

  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
