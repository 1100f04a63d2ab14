/**
 * What a run could not record itself: an execution that ended stopped, timed out or failed where
 * its machine could not catch it leaves an audit row for the step it abandoned and its progress
 * item in status {@code ABANDONED}, lock kept.
 */
package dev.ferry.tasks.ended;
