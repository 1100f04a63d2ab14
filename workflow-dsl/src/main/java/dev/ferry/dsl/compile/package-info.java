/**
 * Lowering a {@link dev.ferry.dsl.graph.MigrationGraph} to Amazon States Language (JSONPath),
 * following the machine contract in {@code src/docs/contract.md}.
 *
 * <h2>Shape of a compiled machine</h2>
 *
 * <ol>
 *   <li><b>Input</b> ({@code input}): a Choice detects an EventBridge envelope ({@code detail},
 *       {@code detail-type}, {@code source}) and two Passes unwrap it (trigger defaults to {@code
 *       event}); one Choice checks presence and JSON type of every field and goes to one Fail
 *       state per (field, problem), error {@code Ferry.InvalidInput}; three Passes apply defaults
 *       with {@code States.JsonMerge} (defaults are template objects, not JSON text in an
 *       intrinsic, because engines differ on unescaping braces there) and build {@code {ferry,
 *       parameters, steps}}. Pure JSONPath ASL cannot check a string's length or pattern (the
 *       target's 1-200 characters of {@code [A-Za-z0-9._:/-]}), a list's element types or an
 *       object's shape, and has no "is object/array" test: {@link
 *       dev.ferry.dsl.validate.InputValidator} checks those before an execution is started, and
 *       the task handlers validate their own payloads.
 *   <li><b>Lock</b> ({@code lock}): one {@code transactWriteItems} takes the lock ({@code
 *       attribute_not_exists(lockHolder) OR lockHolder = :self}), writes the run STARTED and
 *       step 1 STARTED audit rows; on {@code DynamoDb.TransactionCanceledException} it reads the
 *       holder and fails with {@code Ferry.LockHeld} naming it.
 *   <li><b>Steps</b>: a work state (Lambda {@code invoke}, {@code waitForTaskToken} for
 *       approvals, SDK or DynamoDB integration, or a Parallel state) whose {@code ResultSelector}
 *       stores the result at {@code $.steps.<id>.result}; a check Choice when the step has
 *       expectations or a later state reads a field of its result ({@link ResultChecks}: each
 *       missing or mistyped field goes to a Pass that sets {@code Ferry.ResultInvalid} and joins
 *       the step's failure path; a version comparison adds a parsing Pass and a compare Choice); an
 *       optional poll loop (call, check, next-interval Pass, Wait; counters at {@code
 *       $.steps.<id>.loop}, the last poll result at {@code $.steps.<id>.poll.result}); then one
 *       record state ({@code transactWriteItems}: this step SUCCEEDED, the next STARTED, the
 *       progress item) that also sets {@code $.current} to the next step. Happy path: 2
 *       transitions per step, +1 per result check, +2 per version comparison, +2 per poll iteration.
 *   <li><b>Failure</b>: catchers and failing checks go to a failure record shared by every step
 *       that starts compensation at the same place (it reads the failed step from {@code
 *       $.current}); it audits FAILED and COMPENSATING and enters the compensation chain: one
 *       work state and one record state per compensable step, chained downward, so chains share
 *       their suffixes. The last record releases the lock; two Passes format the cause (step,
 *       expectation, original error and cause, as JSON) and the run fails with {@code
 *       Ferry.MigrationFailed}, {@code ExpectationFailed}, {@code PreconditionFailed}, {@code
 *       Timeout} or {@code Rejected}. A failing compensation records COMPENSATION_FAILED, keeps
 *       the lock (status ROLLBACK_FAILED) and fails with {@code Ferry.RollbackFailed}.
 * </ol>
 *
 * <p>A parallel group is one step: its branches' steps have no record states of their own, their
 * results are kept at {@code $.steps.<group>.<inner>}, and when the group fails only the steps
 * completed before it are compensated (the inner steps' compensations run when a later step
 * fails). Fail states use plain {@code ErrorPath}/{@code CausePath}; the cause is built by a Pass,
 * since not every engine runs intrinsic functions there.
 */
package dev.ferry.dsl.compile;
