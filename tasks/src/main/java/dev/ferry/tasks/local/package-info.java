/**
 * The real components the local adapters run against: an embedded PostgreSQL standing in for the
 * RDS database, DynamoDB Local, and writer threads standing in for a service's writers.
 */
package dev.ferry.tasks.local;
