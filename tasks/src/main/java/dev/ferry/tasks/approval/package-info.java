/** Approval steps: the pending task token is parked on the target's progress row for an operator. */
package dev.ferry.tasks.approval;
