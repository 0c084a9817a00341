package io.mountscope.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.mountscope.model.Model;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Panel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The real event loop on a virtual terminal: what it sends to the terminal, and how it ends. */
class DashboardLoopTest {
  private static final List<Model> STORM = Models.derive(StormRecording.samples(70));

  /** A source the test pushes models into, waking the loop like the sampler thread does. */
  static final class PushSource extends ScreenHarness.ListSource {
    private final List<Model> pending = new ArrayList<>();
    private Runnable wakeUp = () -> {};
    volatile RuntimeException failNext;

    PushSource() {
      super(List.of(), true);
    }

    @Override
    public synchronized void start(Runnable w) {
      wakeUp = w;
    }

    /** Wakes the loop with nothing new: it repaints the same frame. */
    synchronized void poke() {
      wakeUp.run();
    }

    synchronized void push(Model m) {
      pending.add(m);
      wakeUp.run();
    }

    @Override
    public synchronized Update poll(long now) {
      if (failNext != null) {
        throw failNext;
      }
      if (pending.isEmpty()) {
        return Update.NONE;
      }
      Update u = new Update(false, List.copyOf(pending));
      pending.clear();
      return u;
    }
  }

  /**
   * The virtual terminal, counting the characters written to it, with keys from {@code keys}:
   * its own readInput holds its lock while waiting, which would block every write meanwhile.
   */
  private static Terminal counting(DefaultVirtualTerminal vt, AtomicInteger written, BlockingQueue<KeyStroke> keys) {
    return (Terminal) Proxy.newProxyInstance(Terminal.class.getClassLoader(), new Class<?>[] {Terminal.class},
        (proxy, method, args) -> {
          if (method.getName().equals("readInput")) {
            return keys.take();
          }
          if (method.getName().equals("putCharacter")) {
            written.incrementAndGet();
          } else if (method.getName().equals("putString")) {
            written.addAndGet(((String) args[0]).length());
          }
          try {
            return method.invoke(vt, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** A loop running on a virtual terminal of 80x24 that counts what is written to it; keys go to {@code keys}. */
  private record Running(DefaultVirtualTerminal vt, AtomicInteger written, BlockingQueue<KeyStroke> keys,
      CompletableFuture<ExitReason> exit) {}

  private static Running run(DashboardLoop loop) throws java.io.IOException {
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    AtomicInteger written = new AtomicInteger();
    BlockingQueue<KeyStroke> keys = new LinkedBlockingQueue<>();
    Terminal t = counting(vt, written, keys);
    CellScreen screen = new CellScreen(t, new Theme(Theme.Depth.INDEXED));
    screen.start();
    CompletableFuture<ExitReason> exit = CompletableFuture.supplyAsync(() -> {
      try {
        return loop.run(screen, t);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return new Running(vt, written, keys, exit);
  }

  private static DashboardLoop loop(PushSource source) {
    return new DashboardLoop(source, ScreenHarness.options(false), new History(), new ViewState(), Panel.all(),
        Glyphs.UNICODE);
  }

  /** Waits until something was written and then nothing more for 300 ms. */
  private static void awaitQuiet(AtomicInteger written) throws InterruptedException {
    int last = -1;
    int quiet = 0;
    for (int i = 0; i < 200 && quiet < 6; i++) {
      Thread.sleep(50);
      int now = written.get();
      quiet = now == last && now > 0 ? quiet + 1 : 0;
      last = now;
    }
  }

  @Test
  void an_unchanged_frame_sends_nothing_and_a_new_model_sends_only_the_cells_that_changed() throws Exception {
    PushSource source = new PushSource();
    Running r = run(loop(source));
    AtomicInteger written = r.written();
    for (Model m : STORM.subList(0, 69)) {
      Thread.sleep(2); // one at a time, as the sampler hands them over
      source.push(m);
    }
    awaitQuiet(written);
    int firstFrames = written.get();
    assertThat(firstFrames).as("a full frame was drawn").isGreaterThan(1000);
    for (int i = 0; i < 5; i++) {
      source.poke();
    }
    Thread.sleep(300);
    assertThat(written.get() - firstFrames).as("repainting an unchanged frame sends nothing").isZero();
    source.push(STORM.get(69));
    awaitQuiet(written);
    int tick = written.get() - firstFrames;
    assertThat(tick).as("one second of storm changes some numbers, not the screen").isPositive().isLessThan(80 * 24 / 3);
    r.keys().add(new KeyStroke('q', false, false));
    assertThat(r.exit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitReason.QUIT);
  }

  @Test
  void an_exception_ends_the_run_with_the_exception_and_leaves_no_reader_behind() throws Exception {
    Terminal t = counting(new DefaultVirtualTerminal(new TerminalSize(80, 24)), new AtomicInteger(),
        new LinkedBlockingQueue<>());
    CellScreen screen = new CellScreen(t, new Theme(Theme.Depth.INDEXED));
    screen.start();
    PushSource source = new PushSource();
    DashboardLoop loop = loop(source);
    CompletableFuture<ExitReason> run = CompletableFuture.supplyAsync(() -> {
      try {
        return loop.run(screen, t);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    source.push(STORM.get(0));
    Thread.sleep(200);
    source.failNext = new IllegalStateException("recording corrupt at line 7");
    source.push(STORM.get(1));
    assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("recording corrupt at line 7");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (readerAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(readerAlive()).as("the key reader thread ended").isFalse();
  }

  private static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(th -> th.getName().equals("dashboard-keys") && th.isAlive());
  }

  @Test
  void the_plugins_panel_joins_a_running_dashboard_and_the_first_frame_hook_runs_once() throws Exception {
    PushSource source = new PushSource();
    DashboardLoop loop = loop(source);
    AtomicInteger hook = new AtomicInteger();
    loop.afterFirstFrame(hook::incrementAndGet);
    Running r = run(loop);
    AtomicInteger written = r.written();
    source.push(STORM.get(0));
    awaitQuiet(written);
    assertThat(hook.get()).as("run after the first frame with a model").isEqualTo(1);
    assertThat(ScreenHarness.text(r.vt())).contains("Diagnosis").doesNotContain("Plugins");

    io.mountscope.plugin.api.Panel pluginPanel = new io.mountscope.plugin.api.Panel() {
      @Override
      public String title() {
        return "pod starts";
      }

      @Override
      public List<io.mountscope.plugin.api.PanelLine> render(io.mountscope.plugin.api.PanelInput in) {
        return List.of(io.mountscope.plugin.api.PanelLine.of("p99 4.2 s"));
      }
    };
    List<Panel> withPlugins = new ArrayList<>(Panel.all());
    withPlugins.add(new io.mountscope.tui.panel.PluginsPanel(
        List.of(new io.mountscope.plugin.PluginHost.PanelSource("kubelet", pluginPanel))));
    loop.replacePanels(withPlugins);
    awaitQuiet(written);
    String after = ScreenHarness.text(r.vt());
    assertThat(after).as("the Plugins panel in the last row").contains("Plugins", "kubelet: pod starts", "p99 4.2 s");
    assertThat(after).contains("Startups", "Diagnosis");
    source.push(STORM.get(1));
    awaitQuiet(written);
    assertThat(hook.get()).as("once").isEqualTo(1);
    r.keys().add(new KeyStroke('q', false, false));
    assertThat(r.exit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitReason.QUIT);
  }
}
