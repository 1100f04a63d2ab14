package dev.ferry.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One Lambda function of the catalogue: its name (as the compiled machine calls it), the handler class
 * the AWS runtime instantiates, suggested sizing, and how to build the same handler on local adapters.
 */
public record TaskFunction<I, O>(
    String name,
    Class<? extends FerryHandler<I, O>> handlerClass,
    int memoryMb,
    int timeoutSeconds,
    Function<LocalEnvironment, ? extends FerryHandler<I, O>> localFactory) {

  /**
   * The AWS Lambda handler string: the class name alone, so the runtime calls the stream side of
   * {@link FerryHandler} and Ferry's mapper reads the payload.
   */
  public String handler() {
    return handlerClass.getName();
  }

  /** The handler on local adapters, in the local engine's {@code JsonNode -> JsonNode} shape. */
  public Function<JsonNode, JsonNode> local(LocalEnvironment environment) {
    FerryHandler<I, O> handler = localFactory.apply(environment);
    return Json.adapt(handler, handler.inputType(), Json.mapper());
  }
}
