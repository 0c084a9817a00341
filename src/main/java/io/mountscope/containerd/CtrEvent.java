package io.mountscope.containerd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mountscope.util.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * One line of {@code ctr events}: "2026-11-26 14:38:40.748996911 +0000 UTC k8s.io /tasks/create {json}".
 * The format has been the same since containerd 1.0: Go's time, namespace, topic, the event as JSON.
 */
public record CtrEvent(long timeMillis, String namespace, String topic, JsonNode payload) {

  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendPattern(" xx")
      .toFormatter();

  /** The event on {@code line}, or empty for anything else (a warning, a truncated line). */
  public static Optional<CtrEvent> parse(String line) {
    String[] f = line.strip().split(" ", 7);
    if (f.length < 6 || !f[5].startsWith("/")) {
      return Optional.empty();
    }
    try {
      long millis = OffsetDateTime.parse(f[0] + " " + f[1] + " " + f[2], TIME).toInstant().toEpochMilli();
      JsonNode payload = f.length == 7 && !f[6].isBlank() ? Json.mapper().readTree(f[6]) : MissingNode.getInstance();
      return Optional.of(new CtrEvent(millis, f[4], f[5], payload));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** A text field of the payload, or null. */
  public String text(String field) {
    JsonNode n = payload.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
