package dev.ferry.deploy.rehearse.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one migration is rehearsed against. Build it with {@link #forMigration}; see the
 * package documentation for an example.
 *
 * @param migration the migration's name, as its {@code MigrationDefinition} declares it
 * @param databases PostgreSQL databases standing in for the RDS databases it changes: each seeded
 *     once into a template, copied afresh for every run
 * @param tables DynamoDB tables created and filled afresh for every run
 * @param writers local writers that keep inserting while a run goes on (the services a pause step
 *     pauses); each gets the universal "resumed" check and an "acknowledged inserts kept" invariant
 * @param functions local handlers of the functions the migration calls that Ferry does not ship
 * @param integrations local stand-ins of AWS SDK integrations its Task states call directly (IAM, S3...)
 * @param standIns per-run stand-ins (an HTTP service, a fake cluster): made before a run, closed after
 * @param input the execution input of a run
 * @param invariants checked after every run, besides the universal checks
 * @param parallel whether runs may go on at once (every name a run touches comes from its {@link
 *     RunContext}); false for a migration that uses fixed global names
 */
public record World(
    String migration,
    List<Database> databases,
    List<Table> tables,
    List<Writer> writers,
    List<LocalFunction> functions,
    List<LocalIntegration> integrations,
    List<StandIn<?>> standIns,
    InputFactory input,
    List<Invariant> invariants,
    boolean parallel) {

  public World {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(input, "input");
    databases = List.copyOf(databases);
    tables = List.copyOf(tables);
    writers = List.copyOf(writers);
    functions = List.copyOf(functions);
    integrations = List.copyOf(integrations);
    standIns = List.copyOf(standIns);
    invariants = List.copyOf(invariants);
    requireUnique("database", databases.stream().map(Database::name).toList());
    requireUnique("table", tables.stream().map(Table::name).toList());
    requireUnique("writer", writers.stream().map(Writer::name).toList());
    requireUnique("function", functions.stream().map(LocalFunction::name).toList());
    requireUnique("integration", integrations.stream().map(LocalIntegration::resourcePrefix).toList());
    requireUnique("stand-in", standIns.stream().map(StandIn::name).toList());
    requireUnique("invariant", invariants.stream().map(Invariant::name).toList());
    for (Writer w : writers) {
      if (databases.stream().noneMatch(d -> d.name().equals(w.database()))) {
        throw new IllegalArgumentException("world of " + migration + ": writer '" + w.name() + "' writes into database '"
            + w.database() + "', which the world does not declare; add .database(Database.postgres(\"" + w.database()
            + "\")...)");
      }
    }
  }

  /** The execution input of one run. */
  @FunctionalInterface
  public interface InputFactory {
    RunInput input(RunContext run) throws Exception;
  }

  /** Starts a world for {@code migration}; {@link Builder#input} is required. */
  public static Builder forMigration(String migration) {
    return new Builder(migration);
  }

  public Optional<Database> database(String name) {
    return databases.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  private void requireUnique(String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException("world of " + migration + ": " + what + " '" + n + "' is declared twice");
      }
    }
  }

  /** Builds a {@link World}. */
  public static final class Builder {
    private final String migration;
    private final List<Database> databases = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Writer> writers = new ArrayList<>();
    private final List<LocalFunction> functions = new ArrayList<>();
    private final List<LocalIntegration> integrations = new ArrayList<>();
    private final List<StandIn<?>> standIns = new ArrayList<>();
    private final List<Invariant> invariants = new ArrayList<>();
    private InputFactory input;
    private boolean parallel = true;

    private Builder(String migration) {
      this.migration = Objects.requireNonNull(migration, "migration");
    }

    public Builder database(Database database) {
      databases.add(database);
      return this;
    }

    public Builder table(Table table) {
      tables.add(table);
      return this;
    }

    public Builder writer(Writer writer) {
      writers.add(writer);
      return this;
    }

    public Builder function(LocalFunction function) {
      functions.add(function);
      return this;
    }

    public Builder integration(LocalIntegration integration) {
      integrations.add(integration);
      return this;
    }

    public Builder standIn(StandIn<?> standIn) {
      standIns.add(standIn);
      return this;
    }

    public Builder input(InputFactory input) {
      this.input = input;
      return this;
    }

    public Builder invariant(Invariant invariant) {
      invariants.add(invariant);
      return this;
    }

    /** Runs one after another: the migration touches names a {@link RunContext} cannot make unique. */
    public Builder sequential() {
      this.parallel = false;
      return this;
    }

    public World build() {
      if (input == null) {
        throw new IllegalArgumentException("world of " + migration + " has no input: add .input(run -> RunInput.target(...)"
            + ".parameter(...))");
      }
      return new World(migration, databases, tables, writers, functions, integrations, standIns, input, invariants,
          parallel);
    }
  }
}
