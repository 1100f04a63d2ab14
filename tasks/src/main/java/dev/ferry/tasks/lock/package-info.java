/**
 * The lock's holder, as a refused run reports it: who holds the target, whether it still runs, and
 * the one command that recovers a lock whose holder ended.
 */
package dev.ferry.tasks.lock;
