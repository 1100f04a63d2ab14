/** DynamoDB table backups, taken before a migration and restored onto the table on rollback. */
package dev.ferry.tasks.backup;
