package dev.ferry.engine;

/**
 * Lets an exception thrown by an in-process Lambda handler name the {@code errorType} the AWS Lambda
 * runtime would report for it; without it the exception's fully qualified class name is used, as
 * the AWS Lambda Java runtime does.
 */
public interface ErrorNamed {
  String errorName();
}
