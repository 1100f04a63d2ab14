package dev.ferry.deploy.rehearse.world;

import dev.ferry.engine.TaskResolver;
import java.util.Objects;

/**
 * The local stand-in of an AWS SDK service integration the migration calls directly from a Task
 * state ({@code arn:aws:states:::aws-sdk:iam:putRolePolicy}), which the local engine does not run
 * itself: a resolver for every Resource starting with {@code resourcePrefix}, made once per
 * rehearsal. It answers as Step Functions would: a result object, or a {@link
 * dev.ferry.engine.StatesError} named as AWS names the error ({@code Iam.NoSuchEntityException}).
 *
 * @param resourcePrefix e.g. {@code arn:aws:states:::aws-sdk:iam:}
 * @param factory makes the resolver on the world's local pieces
 */
public record LocalIntegration(String resourcePrefix, Factory factory) {

  public LocalIntegration {
    Objects.requireNonNull(resourcePrefix, "resourcePrefix");
    Objects.requireNonNull(factory, "factory");
    if (!resourcePrefix.startsWith("arn:aws:states:::")) {
      throw new IllegalArgumentException("integration " + resourcePrefix + ": a Task Resource prefix starts with"
          + " arn:aws:states::: (e.g. arn:aws:states:::aws-sdk:iam:)");
    }
  }

  @FunctionalInterface
  public interface Factory {
    TaskResolver create(WorldContext world) throws Exception;
  }

  public static LocalIntegration of(String resourcePrefix, Factory factory) {
    return new LocalIntegration(resourcePrefix, factory);
  }
}
