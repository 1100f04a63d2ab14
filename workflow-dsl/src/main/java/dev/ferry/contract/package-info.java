/**
 * Ferry's runtime contract in code: what compiled machines, the task handlers and the targets
 * agree on (the progress and audit items, their statuses and phases, the execution input's fields
 * and triggers, the {@code Ferry.*} errors a run ends with). {@code src/docs/contract.md} describes
 * it in words; every module reads the names from here instead of repeating them.
 */
package dev.ferry.contract;
