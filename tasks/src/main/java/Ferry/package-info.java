/**
 * The errors Ferry's task handlers raise, one class per error name.
 *
 * <p>The AWS Lambda Java runtime reports an uncaught exception's fully qualified class name as the
 * invocation's {@code errorType}, and Step Functions matches {@code Retry} and {@code Catch} on it.
 * Living in the package {@code Ferry}, the class {@code SnapshotNotFound} is reported as
 * {@code Ferry.SnapshotNotFound}: exactly the error name in the runtime contract, with no wrapper
 * on AWS. The local engine reads the same name from {@link dev.ferry.tasks.FerryError#errorName()},
 * which {@link Ferry.TaskFailure} derives from the class name, so both agree by construction.
 */
package Ferry;
