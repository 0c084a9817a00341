package io.mountscope.recipe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** {@code explain: TEXT}, or {@code explain: {text: TEXT, when: [...]}} when the text is conditional. */
final class ExplainReader extends JsonDeserializer<Step.Explain> {
  @Override
  public Step.Explain deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return new Step.Explain(ctxt.readValue(p, Value.class), null);
    }
    Value text = null;
    List<Value> when = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      switch (key) {
        case "text" -> text = ctxt.readValue(p, Value.class);
        case "when" -> when = p.currentToken() == JsonToken.START_ARRAY
            ? Arrays.asList(ctxt.readValue(p, Value[].class)) : List.of(ctxt.readValue(p, Value.class));
        default -> throw UnrecognizedPropertyException.from(p, Step.Explain.class, key, List.of("text", "when"));
      }
    }
    return new Step.Explain(text, when);
  }
}
