package dev.ferry.tasks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.function.Function;

/** Payload mapping shared by the handlers and the local engine's adapter. */
public final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Json() {}

  /** The mapper the handlers' payload records are written for: camelCase, unknown fields ignored. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Adapts a handler to the local engine's {@code JsonNode -> JsonNode} shape: the payload is read as
   * {@code inputType} with the same mapper the handler's AWS side ({@link FerryHandler}) reads it with,
   * and the result written back as JSON. A
   * {@link FerryError} thrown by the handler propagates unchanged so the engine reports its
   * {@link FerryError#errorName()}; an unreadable payload fails with {@code Ferry.InvalidInput}.
   */
  public static <I, O> Function<JsonNode, JsonNode> adapt(
      RequestHandler<I, O> handler, Class<I> inputType, ObjectMapper mapper) {
    return payload -> {
      I input;
      try {
        input = mapper.treeToValue(payload, inputType);
      } catch (Exception e) {
        throw new Ferry.InvalidInput("payload: cannot be read as " + inputType.getSimpleName()
            + ": " + e.getMessage(), e);
      }
      return mapper.valueToTree(handler.handleRequest(input, LocalContext.INSTANCE));
    };
  }
}
