/**
 * Pausing the writers of a database before its migration and resuming exactly what was paused.
 */
package dev.ferry.tasks.writers;
