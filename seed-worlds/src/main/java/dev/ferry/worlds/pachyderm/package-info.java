/**
 * The Pachyderm major migration's world, and the worked example of local handlers for a user's own
 * Lambdas: two clusters behind the operator's {@code pachyderm-*} functions.
 */
package dev.ferry.worlds.pachyderm;
