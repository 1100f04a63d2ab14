package dev.ferry.tasks;

import dev.ferry.contract.ProgressItem;
import dev.ferry.tasks.local.LocalFunctionVersions;
import dev.ferry.tasks.lock.NoEngine;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalWriters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real local components the local adapters run on: the embedded PostgreSQL standing in for the
 * RDS database, a client of DynamoDB Local (progress table {@code progressTable}), the local writer
 * threads, the local registry of Lambda versions and the engine running the executions (the local
 * target's). The caller owns (starts and closes) them.
 */
public record LocalEnvironment(LocalPostgres postgres, DynamoDbClient dynamoDb, LocalWriters writers,
    LocalFunctionVersions functionVersions, String progressTable, Executions executions) {

  /** Without an engine: no execution can be described or heartbeaten ({@link NoEngine}). */
  public LocalEnvironment(LocalPostgres postgres, DynamoDbClient dynamoDb, LocalWriters writers,
      LocalFunctionVersions functionVersions, String progressTable) {
    this(postgres, dynamoDb, writers, functionVersions, progressTable, new NoEngine());
  }

  /** With empty writer and function registries and the contract's default progress table. */
  public LocalEnvironment(LocalPostgres postgres, DynamoDbClient dynamoDb) {
    this(postgres, dynamoDb, new LocalWriters(), new LocalFunctionVersions(), ProgressItem.DEFAULT_TABLE);
  }
}
