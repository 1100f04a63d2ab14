/**
 * Working local stand-ins for the three seed runbooks, and the worlds their rehearsals run against:
 * {@code metaflow} (a migration service over HTTP on a Flyway schema), {@code aurora} (the Aurora
 * Restore Pipeline's tables in DynamoDB Local, its functions and role) and {@code pachyderm} (two
 * clusters behind the operator's own functions, the worked example of local handlers for a user's
 * own Lambdas).
 */
package dev.ferry.worlds;
