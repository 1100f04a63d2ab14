/**
 * The migration-safety rules ({@link dev.ferry.dsl.validate.Rule}) checked on a graph by {@link
 * dev.ferry.dsl.validate.MigrationValidator}, the history budget of polling loops, and the input
 * checks pure ASL cannot make ({@link dev.ferry.dsl.validate.InputValidator}), and the warnings
 * ({@link dev.ferry.dsl.validate.Warnings}): risks of a valid migration given how it is started,
 * reported without refusing it.
 */
package dev.ferry.dsl.validate;
