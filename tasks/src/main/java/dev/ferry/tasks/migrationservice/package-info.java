/**
 * The Metaflow migration service over HTTP: {@code GET /db_schema_status}, {@code PATCH /upgrade},
 * {@code GET /version}.
 */
package dev.ferry.tasks.migrationservice;
