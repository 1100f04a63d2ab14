/**
 * The Metaflow metadata service upgrade's world: a migration service over HTTP on Ferry's own
 * Flyway schema, the metadata service's ECS stand-in recording runs, and {@code ExecuteDBMigration}.
 */
package dev.ferry.worlds.metaflow;
