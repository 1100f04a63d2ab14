package dev.ferry.tasks.lambdaversion;

/** Port: a function's published versions and an alias over them. */
public interface FunctionVersions {

  /**
   * Deploys the code at {@code s3://bucket/key}, publishes it as a version tagged with
   * {@code executionName}, and points {@code alias} at it. A repeated call for the same execution finds
   * the version it published and the alias's version from before, and completes what is missing.
   *
   * @throws Ferry.FunctionNotFound if the function or the alias does not exist
   */
  Published publish(String functionName, String alias, String bucket, String key, String executionName);

  /** @throws Ferry.FunctionNotFound if the function or the alias does not exist */
  void pointAlias(String functionName, String alias, String version);

  record Published(String previousVersion, String newVersion) {}
}
