package io.mountscope.recipe;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;

/**
 * A scalar written in a recipe file and the line it is on: a {@link Template} until the run
 * gives its names values. Keeping the line is what lets every later check say file:line.
 */
@JsonDeserialize(using = Value.Reader.class)
public record Value(String text, int line) {
  public Template template() {
    return Template.parse(text);
  }

  /** A value made in code (defaults, tests): no line. */
  public static Value of(String text) {
    return new Value(text, 0);
  }

  @JsonValue
  @Override
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Reads any YAML scalar as its text; a mapping or list where a scalar belongs is an error at its line. */
  static final class Reader extends JsonDeserializer<Value> {
    @Override
    public Value deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == null || t.isStructStart() || t.isStructEnd() || t == JsonToken.FIELD_NAME) {
        return (Value) ctxt.handleUnexpectedToken(Value.class, p);
      }
      return new Value(p.getText(), p.currentTokenLocation().getLineNr());
    }
  }
}
