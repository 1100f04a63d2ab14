package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs Task states whose Resource ARN starts with the prefix the resolver is registered under
 * (e.g. {@code arn:aws:states:::aws-sdk:s3:}). Throw a {@link StatesError} to fail with a chosen
 * error name; any other exception fails with its {@link ErrorNamed} name or simple class name.
 */
@FunctionalInterface
public interface TaskResolver {
  JsonNode invoke(TaskRequest request) throws Exception;
}
