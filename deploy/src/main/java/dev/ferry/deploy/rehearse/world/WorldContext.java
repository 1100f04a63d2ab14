package dev.ferry.deploy.rehearse.world;

import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.local.LocalPostgres;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local pieces every run of a rehearsal shares: one embedded PostgreSQL, one DynamoDB Local. */
public interface WorldContext {

  /** The embedded PostgreSQL; each run's databases are its own copies on it. */
  LocalPostgres postgres();

  /** A client of DynamoDB Local, without injected faults. */
  DynamoDbClient dynamoDb();

  /** What the shipped functions' local adapters run on (writers, function versions, tables). */
  LocalEnvironment environment();
}
