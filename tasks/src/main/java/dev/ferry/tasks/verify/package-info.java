/** Checks that a migration left the system as expected: schema, data, and the service's answers. */
package dev.ferry.tasks.verify;
