/** Lambda code versions: publish new code behind an alias, and point the alias back on rollback. */
package dev.ferry.tasks.lambdaversion;
