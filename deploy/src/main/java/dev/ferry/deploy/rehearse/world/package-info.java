/**
 * Rehearsal worlds: what a migration is rehearsed against, declared in the user's own project.
 *
 * <p>A world says, for one migration, what stands in locally for each function it calls (the
 * shipped task functions bring their local adapters; a user's own Lambda gets a {@link
 * dev.ferry.deploy.rehearse.world.LocalFunction} written in Java), how the world is seeded (each
 * {@link dev.ferry.deploy.rehearse.world.Database} once into a template that every run copies, each
 * {@link dev.ferry.deploy.rehearse.world.Table} afresh per run), the writers that keep writing while
 * it runs, the execution input of a run, and the invariants checked after every run beyond the
 * universal ones (a database's fingerprint, a service's version, a table's rows).
 *
 * <pre>{@code
 * public final class OrdersWorld implements RehearsalWorld {
 *   @Override
 *   public World world() {
 *     return World.forMigration("orders-status-column")
 *         .database(Database.postgres("orders").seededBy(seed -> seed.execute(
 *             "CREATE TABLE orders (id bigserial PRIMARY KEY, amount numeric)")))
 *         .writer(Writer.inserting("orders-writer").into("orders", "orders"))
 *         .function(LocalFunction.of("acme-orders-check", CheckIn.class,
 *             (in, run) -> new CheckOut(true)))
 *         .input(run -> RunInput.target(run.database("orders"))
 *             .parameter("database", run.database("orders"))
 *             .parameter("secretArn", run.secretArn("orders"))
 *             .parameter("writers", List.of(Map.of("type", "local", "name", run.writer("orders-writer")))))
 *         .invariant(Invariant.restoredOrMigrated("orders database", Fingerprints.postgres("orders")))
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * <p>Register it in {@code META-INF/services/dev.ferry.deploy.rehearse.world.RehearsalWorld} next to
 * the migration's own {@code MigrationDefinition} registration; {@code ferry rehearse}, the JUnit 5
 * extension and the Maven plugin find it with {@link
 * dev.ferry.deploy.rehearse.world.RehearsalWorld#forMigration} on the class loader that holds the
 * migration.
 *
 * <p>Runs are independent and may run at once: every name a run touches (its databases, tables,
 * writers, and the target named by its input) comes from its {@link
 * dev.ferry.deploy.rehearse.world.RunContext}, which makes it unique to the run. A world whose
 * migration uses fixed global names declares itself {@link
 * dev.ferry.deploy.rehearse.world.World.Builder#sequential() sequential}.
 */
package dev.ferry.deploy.rehearse.world;
