package dev.ferry.tasks;

import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalWriters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real local components the local adapters run on: the embedded PostgreSQL standing in for the
 * RDS database, a client of DynamoDB Local, and the registry of local writer threads. The caller
 * owns (starts and closes) them.
 */
public record LocalEnvironment(LocalPostgres postgres, DynamoDbClient dynamoDb, LocalWriters writers) {}
