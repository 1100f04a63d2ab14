/**
 * Ferry's shipped task functions as typed calls: {@link dev.ferry.dsl.tasks.FerryTasks} starts each,
 * and each task's class names the fields its function returns.
 */
package dev.ferry.dsl.tasks;
