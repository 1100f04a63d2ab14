package dev.ferry.dsl.compile;

/** The integration a Task state calls. */
public enum CallKind {
  /** {@code lambda:invoke}: a function and its payload. */
  LAMBDA,
  /** {@code lambda:invoke.waitForTaskToken}: a function that hands out a token answered later (approvals). */
  LAMBDA_CALLBACK,
  /** {@code aws-sdk:<service>:<action>}, Ferry's own progress and audit writes included. */
  AWS_SDK,
  /** The optimised {@code dynamodb:<action>} integration. */
  DYNAMODB
}
