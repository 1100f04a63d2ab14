/**
 * Ferry's migration DSL: write a runbook as typed Java, get a validated {@link
 * dev.ferry.dsl.graph.MigrationGraph}, compile it to Amazon States Language.
 *
 * <h2>Tour</h2>
 *
 * <pre>{@code
 * import static dev.ferry.dsl.Ref.param;
 *
 * Step snapshot = Step.backup("snapshot-database")
 *     .invoke(Lambda.function("ferry-db-snapshot-create")
 *         .payload(Payload.of("dbInstanceIdentifier", param("dbInstanceIdentifier")).withExecutionName()))
 *     .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-status")
 *             .payload(Payload.of("snapshotId", Ref.output("snapshot-database", "snapshotId"))))
 *         .until(Condition.equals("status", "available"))
 *         .every(Duration.ofMinutes(1)).timeout(Duration.ofHours(48))
 *         .backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))));
 * Step pause = Step.pause("pause-writers")
 *     .invoke(Lambda.function("ferry-writers-pause").payload(Payload.of("writers", param("writers"))))
 *     .compensatedBy(Step.resume("resume-paused-writers")          // resume only what was paused
 *         .invoke(Lambda.function("ferry-writers-resume")
 *             .payload(Payload.of("paused", Ref.output("pause-writers", "paused")))));
 *
 * MigrationGraph graph = Migration.named("postgres-schema-upgrade")
 *     .description("Apply versioned SQL migrations with a snapshot to fall back on")
 *     .parameter(Parameter.string("dbInstanceIdentifier").describedAs("RDS instance"))
 *     .parameter(Parameter.string("targetVersion").defaultValue("3"))
 *     .step(snapshot)
 *     .step(pause)
 *     .step(Step.upgrade("apply-schema")
 *         .invoke(Lambda.function("ferry-schema-migrate").payload(...))
 *         .compensatedBy(Step.rollback("restore-database").invoke(...snapshot.output("snapshotId")...))
 *         .compensateOwnFailure())                                  // restore only if the upgrade began
 *     .step(Step.verify("verify-schema").invoke(...).expect(Expect.isTrue("ok")))
 *     .step(Step.resume("resume-writers").invoke(...).resumes(pause))
 *     .build();   // or MigrationValidationException listing every violated rule
 * }</pre>
 *
 * <ul>
 *   <li>Parameters: {@link dev.ferry.dsl.Parameter#string}, {@code number}, {@code bool}, {@code
 *       stringList}, {@code object}; required unless given a {@code defaultValue}. Read with
 *       {@link dev.ferry.dsl.Ref#param}.
 *   <li>Steps ({@link dev.ferry.dsl.Step}): {@code backup}, {@code pause}, {@code upgrade},
 *       {@code verify}, {@code resume}, {@code rollback} (compensations), {@code approval(id,
 *       message)} (task-token callback, {@code timeout}), {@code guard} (precondition: failing
 *       expectations end the run with {@code Ferry.PreconditionFailed} before any side effect).
 *   <li>Actions ({@link dev.ferry.dsl.Action}): {@link dev.ferry.dsl.Lambda#function}, {@link
 *       dev.ferry.dsl.AwsSdk#call}, {@link dev.ferry.dsl.DynamoDb}, {@link dev.ferry.dsl.Poll},
 *       {@link dev.ferry.dsl.Step#inParallel} (branches of steps).
 *   <li>Outputs: {@code step.output("field")} / {@link dev.ferry.dsl.Ref#output} read {@code
 *       $.steps.<stepId>.result.<field>}; {@code step.polled("field")} the last poll result.
 *   <li>Expectations ({@link dev.ferry.dsl.Expect}, {@link dev.ferry.dsl.Condition}): field
 *       equals, boolean true, version at least.
 *   <li>Versions: {@link dev.ferry.dsl.VersionMatrix#of} with {@code edge(from, to).requires(stepId)};
 *       {@link dev.ferry.dsl.Migration#forEachHop} adds steps per hop of the shortest chain.
 *   <li>Safety: {@code .irreversible()} needs an approval before it; {@code
 *       .withoutBackup(reason)} for an upgrade with no backup; see {@link
 *       dev.ferry.dsl.validate.Rule} for every rule.
 *   <li>Discovery: implement {@link dev.ferry.dsl.MigrationDefinition} and list it in {@code
 *       META-INF/services/dev.ferry.dsl.MigrationDefinition}.
 * </ul>
 */
package dev.ferry.dsl;
