/**
 * Batched, resumable updates of large tables ({@code ferry-backfill-batch}): each batch its own
 * transaction, its progress committed with it, so no call runs long and none repeats a batch.
 */
package dev.ferry.tasks.backfill;
