package io.mountscope.console;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The manual behind {@code explain}, kept as data in {@code explain.yaml} next to this class: one
 * entry per metric, kernel symbol, lock family, verdict, recipe, sysctl, stress pattern and
 * concept. Loading validates every entry, so a broken entry fails the build's tests, not a user.
 */
public final class Knowledge {
  static final String RESOURCE = "explain.yaml";
  private static volatile Knowledge builtIn;

  private final Map<String, Topic> byName = new LinkedHashMap<>();
  private final Map<String, Topic> byAlias = new LinkedHashMap<>();

  private Knowledge(List<Topic> topics) {
    topics.forEach(t -> byName.put(t.name(), t));
    topics.forEach(t -> t.aliases().forEach(a -> byAlias.put(a, t)));
  }

  /** The manual shipped in the jar, loaded once. */
  public static Knowledge builtIn() {
    Knowledge k = builtIn;
    if (k == null) {
      try (InputStream in = Knowledge.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " missing from the jar");
        }
        k = parse(in, RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builtIn = k;
    }
    return k;
  }

  /** Parses and validates a topic list; errors name the source and line. */
  public static Knowledge parse(InputStream in, String source) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addHandler(new DeserializationProblemHandler() {
          @Override
          public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> d,
              Object bean, String name) {
            throw new UnknownKey(name);
          }
        })
        .build();
    List<Topic> topics = new ArrayList<>();
    Map<String, Long> lines = new LinkedHashMap<>();
    try (MappingIterator<Topic> it = yaml.readerFor(Topic.class).readValues(text)) {
      while (it.hasNextValue()) {
        long line = it.getCurrentLocation().getLineNr();
        Topic t;
        try {
          t = it.nextValue();
        } catch (UnknownKey e) {
          throw InputException.at(source, lineOfKey(text, line, e.key), "unknown key '" + e.key
              + "' (keys: name, kind, family, aliases, what, why, next, see)");
        }
        check(t, source, line);
        for (String key : keys(t)) {
          if (lines.containsKey(key)) {
            throw InputException.at(source, line, "'" + key + "' is already a topic or alias (line " + lines.get(key) + ")");
          }
          lines.put(key, line);
        }
        topics.add(t);
      }
    } catch (JsonMappingException e) {
      // The token's own location: the parser's current one is already past it.
      JsonLocation loc = e.getProcessor() instanceof JsonParser p ? p.currentTokenLocation() : e.getLocation();
      throw InputException.at(source, loc == null ? 0 : loc.getLineNr(), e.getOriginalMessage());
    }
    Knowledge k = new Knowledge(topics);
    for (Topic t : topics) {
      for (String ref : t.see()) {
        if (k.find(ref).isEmpty()) {
          throw InputException.at(source, lines.get(t.name()), "topic '" + t.name() + "' refers to unknown topic '" + ref + "'");
        }
      }
      if (t.family() != null && k.find(t.family()).filter(f -> f.kind() == Topic.Kind.FAMILY).isEmpty()) {
        throw InputException.at(source, lines.get(t.name()), "topic '" + t.name() + "': family '" + t.family() + "' is not a lock family topic");
      }
    }
    return k;
  }

  /** Jackson reads a record's keys ahead, so it cannot say where one was: find it in the text. */
  private static long lineOfKey(String text, long from, String key) {
    String[] lines = text.split("\n", -1);
    Pattern p = Pattern.compile("(^|[\\s{,-])" + Pattern.quote(key) + "\\s*:");
    for (int i = (int) Math.max(0, from - 1); i < lines.length; i++) {
      if (p.matcher(lines[i]).find()) {
        return i + 1;
      }
    }
    return from;
  }

  /** An unknown key in an entry, raised while Jackson binds it. */
  private static final class UnknownKey extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String key;

    UnknownKey(String key) {
      super(key, null, false, false);
      this.key = key;
    }
  }

  private static void check(Topic t, String source, long line) {
    if (t.name() == null || !t.name().matches("[A-Za-z0-9_.+-]+")) {
      throw InputException.at(source, line, "topic name missing or not one word: " + t.name());
    }
    if (t.kind() == null) {
      throw InputException.at(source, line, "topic '" + t.name() + "': kind missing");
    }
    for (String[] field : new String[][] {{"what", t.what()}, {"why", t.why()}, {"next", t.next()}}) {
      if (field[1] == null || field[1].isBlank()) {
        throw InputException.at(source, line, "topic '" + t.name() + "': " + field[0] + " is empty");
      }
    }
    if (t.kind() == Topic.Kind.SYMBOL && t.family() == null) {
      throw InputException.at(source, line, "kernel symbol '" + t.name() + "' needs a family");
    }
  }

  private static List<String> keys(Topic t) {
    List<String> keys = new ArrayList<>();
    keys.add(t.name());
    keys.addAll(t.aliases());
    return keys;
  }

  public Collection<Topic> topics() {
    return byName.values();
  }

  /**
   * A topic by name or alias: exactly, else ignoring case, else also taking '-' and '_' as the
   * same (in that order: the mount_lock symbol and the mount-lock family differ only by one).
   */
  public Optional<Topic> find(String name) {
    Topic exact = byName.containsKey(name) ? byName.get(name) : byAlias.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (boolean foldDashes : new boolean[] {false, true}) {
      String wanted = normal(name, foldDashes);
      for (String key : names()) {
        if (normal(key, foldDashes).equals(wanted)) {
          return Optional.of(byName.containsKey(key) ? byName.get(key) : byAlias.get(key));
        }
      }
    }
    return Optional.empty();
  }

  /** Every name and alias. */
  public List<String> names() {
    List<String> all = new ArrayList<>(byName.keySet());
    all.addAll(byAlias.keySet());
    return all;
  }

  /** Topics of one kind, in file order. */
  public List<Topic> ofKind(Topic.Kind kind) {
    return byName.values().stream().filter(t -> t.kind() == kind).toList();
  }

  private static String normal(String s, boolean foldDashes) {
    String l = s.toLowerCase(Locale.ROOT);
    return foldDashes ? l.replace('-', '_') : l;
  }
}
