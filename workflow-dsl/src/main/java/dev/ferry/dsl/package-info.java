/**
 * Ferry's migration DSL: write a runbook as typed Java, get a validated {@link
 * dev.ferry.dsl.graph.MigrationGraph}, compile it to Amazon States Language.
 *
 * <h2>Tour</h2>
 *
 * <pre>{@code
 * import static dev.ferry.dsl.Ref.param;
 *
 * BackupStep snapshot = Step.backup("snapshot-database")
 *     .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
 *     .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus().snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)))
 *         .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE))
 *         .every(Duration.ofMinutes(1)).timeout(Duration.ofHours(48))
 *         .backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))));
 * PauseStep pause = Step.pause("pause-writers")
 *     .invoke(FerryTasks.writersPause().writers(param("writers")))
 *     .compensatedBy(self -> Step.resume("resume-paused-writers")     // resume only what was paused
 *         .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));
 *
 * MigrationGraph graph = Migration.named("postgres-schema-upgrade")
 *     .description("Apply versioned SQL migrations with a snapshot to fall back on")
 *     .parameter(Parameter.string("dbInstanceIdentifier").describedAs("RDS instance"))
 *     .parameter(Parameter.string("targetVersion").defaultValue("3"))
 *     .step(snapshot)
 *     .step(pause)
 *     .step(Step.upgrade("apply-schema")
 *         .invoke(FerryTasks.schemaMigrate()...)
 *         .compensatedBy(Step.rollback("restore-database").pollUntil(...snapshot.output(SnapshotCreate.SNAPSHOT_ID)...),
 *             UndoWhen.STARTED))                                     // restore only if the upgrade began
 *     .step(Step.verify("verify-schema").invoke(FerryTasks.schemaVerify()...).expect(Expect.isTrue(SchemaVerify.OK)))
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
 *       message)} (task-token callback, {@code timeout}, {@code onTimeout(ApprovalTimeout)}: roll
 *       back, or fail before any change), {@code guard} (precondition: failing
 *       expectations end the run with {@code Ferry.PreconditionFailed} before any side effect).
 *       Each kind's type has only its own modifiers: {@code withoutBackup} and {@code
 *       irreversible} on an upgrade, {@code resumes(pause)} on a resume, a pause compensated by a
 *       resume, nothing to call on an approval.
 *   <li>Calls: Ferry's shipped tasks, typed, in {@link dev.ferry.dsl.tasks.FerryTasks}; a user's
 *       own Lambda declared once with {@link dev.ferry.dsl.LambdaFunction#named} and its result
 *       fields; {@link dev.ferry.dsl.AwsSdk#call}, {@link dev.ferry.dsl.DynamoDb}, {@link
 *       dev.ferry.dsl.Poll}, {@code inParallel} (branches of steps).
 *   <li>Outputs: {@code step.output(field)} reads {@code $.steps.<stepId>.result.<field>}; {@code
 *       step.polled(field)} the last poll result. A step's own poll and compensation get the step
 *       as {@code self}: {@code pollUntil(self -> ...)}, {@code compensatedBy(self -> ...)}.
 *   <li>Expectations ({@link dev.ferry.dsl.Expect}, {@link dev.ferry.dsl.Condition}) on a {@link
 *       dev.ferry.dsl.ResultField}: equals, boolean true, version at least. A field the function
 *       does not return, or a value it never returns, fails the build.
 *   <li>Versions: {@link dev.ferry.dsl.VersionMatrix#of} with {@code edge(from, to).requires(stepId)};
 *       {@link dev.ferry.dsl.Migration#forEachHop} adds steps per hop of the shortest chain.
 *   <li>Safety: {@code .irreversible()} needs an approval before it; {@code
 *       .withoutBackup(reason)} for an upgrade with no backup; {@link
 *       dev.ferry.dsl.Migration#pointOfNoReturnAfter} marks where compensation stops (default:
 *       the last verify, or the first irreversible step); see {@link dev.ferry.dsl.validate.Rule}
 *       for every rule.
 *   <li>Warnings: {@link dev.ferry.dsl.Migration#startedBy} says how runs start; a scheduled
 *       migration with an approval after a change is warned about, not refused ({@link
 *       dev.ferry.dsl.validate.Warning}, {@link dev.ferry.dsl.validate.Risk}).
 *   <li>Discovery: implement {@link dev.ferry.dsl.MigrationDefinition} and list it in {@code
 *       META-INF/services/dev.ferry.dsl.MigrationDefinition}.
 * </ul>
 */
package dev.ferry.dsl;
