package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.ErrorNamed;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.TaskRequest;
import dev.ferry.engine.TaskResolver;
import dev.ferry.engine.tasks.LambdaFunctions;
import java.util.Map;

/**
 * Sends a Task's request to whatever serves its Resource: in-process Lambda handlers for
 * {@code lambda:invoke} and Lambda ARNs, otherwise the resolver with the longest matching prefix.
 */
public final class TaskDispatch {
  private final LambdaFunctions lambdas;
  private final Map<String, TaskResolver> resolvers;

  public TaskDispatch(LambdaFunctions lambdas, Map<String, TaskResolver> resolvers) {
    this.lambdas = lambdas;
    this.resolvers = Map.copyOf(resolvers);
  }

  /** The Resource without its integration-pattern suffix. */
  static String baseResource(String resource) {
    if (resource.endsWith(".waitForTaskToken")) {
      return resource.substring(0, resource.length() - ".waitForTaskToken".length());
    }
    if (resource.endsWith(".sync:2")) {
      return resource.substring(0, resource.length() - ".sync:2".length());
    }
    if (resource.endsWith(".sync")) {
      return resource.substring(0, resource.length() - ".sync".length());
    }
    return resource;
  }

  static boolean isLambdaArn(String resource) {
    return resource.startsWith("arn:aws:lambda:");
  }

  JsonNode invoke(TaskRequest request) {
    String resource = request.resource();
    if (isLambdaArn(resource)) {
      return lambdas.invokeDirect(resource, request.parameters());
    }
    if (resource.equals("arn:aws:states:::lambda:invoke")) {
      return lambdas.invoke(request.parameters());
    }
    TaskResolver best = null;
    int bestLength = -1;
    for (Map.Entry<String, TaskResolver> e : resolvers.entrySet()) {
      if (resource.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    if (best == null) {
      throw new StatesError(
          "States.Runtime",
          "No integration serves the resource '" + resource + "'. Register one with LocalEngine.Builder.resolver(prefix, resolver), or mock it with a MockConfigFile.");
    }
    try {
      return best.invoke(request);
    } catch (StatesError e) {
      throw e;
    } catch (Exception e) {
      String name = e instanceof ErrorNamed named ? named.errorName() : e.getClass().getSimpleName();
      throw new StatesError(name, String.valueOf(e.getMessage()));
    }
  }
}
