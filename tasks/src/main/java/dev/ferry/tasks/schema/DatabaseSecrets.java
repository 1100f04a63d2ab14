package dev.ferry.tasks.schema;

/** Port: resolves a secret ARN to database credentials (never taken from the execution input). */
public interface DatabaseSecrets {

  /** @throws Ferry.InvalidInput if the ARN names no readable database secret */
  DbCredentials resolve(String secretArn);
}
