/**
 * Database snapshots: create one with an identifier derived from the execution, report its status
 * for the machine's polling loop, and restore it under the original endpoint.
 */
package dev.ferry.tasks.snapshot;
