package io.mountscope.recipe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a step whose kind is not built in as a {@link Step.Plugin}: {@code id}, {@code when} and
 * the arguments as scalars with their lines. Whether a plugin provides the kind is for
 * {@link RecipeCheck}, which knows the loaded plugins.
 */
final class PluginStepReader extends JsonDeserializer<Step.Plugin> {
  private static final String KIND = "mountscope.step-kind";

  /** Sends an unknown step kind that is a well-formed name here, keeping the name for the reader. */
  static final class UnknownKind extends DeserializationProblemHandler {
    @Override
    public JavaType handleUnknownTypeId(DeserializationContext ctxt, JavaType baseType, String subTypeId,
        TypeIdResolver idResolver, String failureMsg) {
      if (!baseType.hasRawClass(Step.class) || subTypeId == null || !subTypeId.matches("[a-z][a-z0-9-]*")) {
        return null;
      }
      ctxt.setAttribute(KIND, subTypeId);
      return ctxt.constructType(Step.Plugin.class);
    }
  }

  @Override
  public Step.Plugin deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String kind = (String) ctxt.getAttribute(KIND);
    String id = null;
    List<Value> when = null;
    Map<String, Value> arguments = new LinkedHashMap<>();
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return new Step.Plugin(kind, null, arguments, null);
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return (Step.Plugin) ctxt.handleUnexpectedToken(Step.Plugin.class, p);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      try {
        switch (key) {
          case "id" -> id = ctxt.readValue(p, Value.class).text();
          case "when" -> when = p.currentToken() == JsonToken.START_ARRAY
              ? Arrays.asList(ctxt.readValue(p, Value[].class)) : List.of(ctxt.readValue(p, Value.class));
          default -> arguments.put(key, ctxt.readValue(p, Value.class));
        }
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, Step.Plugin.class, key);
      }
    }
    return new Step.Plugin(kind, id, arguments, when);
  }
}
