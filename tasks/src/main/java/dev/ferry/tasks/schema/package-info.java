/**
 * The database's schema: credentials by secret, versioned SQL migrations (Flyway), and the baseline
 * of row counts and checksums taken before a migration.
 */
package dev.ferry.tasks.schema;
