/**
 * The ports' AWS adapters, on the AWS SDK v2 clients, and the clients the handlers' no-argument
 * constructors (the ones the Lambda runtime calls) build them with.
 */
package dev.ferry.tasks.aws;
