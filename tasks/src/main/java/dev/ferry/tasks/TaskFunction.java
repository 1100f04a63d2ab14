package dev.ferry.tasks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One Lambda function of the catalogue: its name (as the compiled machine calls it), the handler class
 * the AWS runtime instantiates, suggested sizing, and how to build the same handler on local adapters.
 */
public record TaskFunction<I, O>(
    String name,
    Class<? extends RequestHandler<I, O>> handlerClass,
    Class<I> inputType,
    int memoryMb,
    int timeoutSeconds,
    Function<LocalEnvironment, ? extends RequestHandler<I, O>> localFactory) {

  /** The AWS Lambda handler string: {@code package.Class::handleRequest}. */
  public String handler() {
    return handlerClass.getName() + "::handleRequest";
  }

  /** The handler on local adapters, in the local engine's {@code JsonNode -> JsonNode} shape. */
  public Function<JsonNode, JsonNode> local(LocalEnvironment environment) {
    return Json.adapt(localFactory.apply(environment), inputType, Json.mapper());
  }
}
