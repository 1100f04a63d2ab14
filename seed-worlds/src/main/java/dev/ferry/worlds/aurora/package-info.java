/**
 * The Aurora Restore Pipeline upgrade's world: its state and audit tables in DynamoDB Local in the
 * 1.0, 2.0 and 3.0 row formats, its table migrations, verify and version report, its stack template
 * and IAM role.
 */
package dev.ferry.worlds.aurora;
