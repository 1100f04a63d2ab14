/** Preconditions checked before a migration starts; a guard that says no stops it before any change. */
package dev.ferry.tasks.guard;
