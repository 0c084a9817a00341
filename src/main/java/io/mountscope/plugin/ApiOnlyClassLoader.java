package io.mountscope.plugin;

/**
 * The parent of every plugin's class loader: the JDK's platform classes and the plugin API, and
 * nothing else of mountscope's class path. A plugin cannot link against mountscope's internals
 * or its libraries (its own jar may bring what it needs), so a console upgrade that keeps the
 * API cannot break it.
 */
final class ApiOnlyClassLoader extends ClassLoader {
  private static final String API = "io.mountscope.plugin.api.";
  private final ClassLoader app;

  ApiOnlyClassLoader(ClassLoader app) {
    super("mountscope-plugin-api", ClassLoader.getPlatformClassLoader());
    this.app = app;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API)) {
      return app.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }
}
