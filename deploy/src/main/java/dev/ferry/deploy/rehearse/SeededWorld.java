package dev.ferry.deploy.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.deploy.rehearse.world.Database;
import dev.ferry.deploy.rehearse.world.LocalFunction;
import dev.ferry.deploy.rehearse.world.LocalIntegration;
import dev.ferry.deploy.rehearse.world.SeedContext;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.deploy.rehearse.world.WorldContext;
import dev.ferry.deploy.rehearse.world.Writer;
import dev.ferry.dsl.compile.Call;
import dev.ferry.dsl.compile.CallKind;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalSecrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A world made ready on a local target: every function the machine calls has a handler, and each
 * world database is seeded once into a template the runs copy.
 */
final class SeededWorld {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TEMPLATE_PREFIX = "ferry-seed-";

  final World world;
  /** Per world database, the last row id the seed left in each table a writer inserts into. */
  private final Map<String, Map<String, Long>> writerRowsAbove = new HashMap<>();
  /** Serialises copies of the templates: PostgreSQL copies a template only while nobody uses it. */
  private final Object templateLock = new Object();

  private SeededWorld(World world) {
    this.world = world;
  }

  /**
   * Checks that every function {@code structure} calls is shipped or declared by {@code world},
   * then seeds the templates on {@code local}'s PostgreSQL.
   *
   * @throws FerryException naming the step and function that has no local handler
   */
  static SeededWorld seed(World world, MachineStructure structure, LocalTarget local) throws Exception {
    requireHandlers(world, structure);
    SeededWorld seeded = new SeededWorld(world);
    for (Database database : world.databases()) {
      seeded.seedTemplate(database, local);
    }
    return seeded;
  }

  private static void requireHandlers(World world, MachineStructure structure) {
    Set<String> declared = new TreeSet<>(world.functions().stream().map(LocalFunction::name).toList());
    Set<String> missing = new TreeSet<>();
    structure.states().values().forEach(s -> s.call()
        .filter(c -> c.kind() == CallKind.LAMBDA || c.kind() == CallKind.LAMBDA_CALLBACK)
        .flatMap(Call::function)
        .filter(f -> TaskCatalog.function(f).isEmpty() && !declared.contains(f))
        .ifPresent(f -> missing.add(f + " (called by " + s.step().orElse(s.name()) + ")")));
    if (!missing.isEmpty()) {
      throw FerryException.badInput("the world of " + world.migration() + " has no local handler for "
              + String.join(", ", missing) + "; Ferry ships no function of that name",
          "declare each in the world: .function(LocalFunction.of(\"<name>\", Input.class, (in, world) -> result))");
    }
  }

  /** The template world database {@code name} is copied from. */
  static String template(String name) {
    return TEMPLATE_PREFIX + name;
  }

  private void seedTemplate(Database database, LocalTarget local) throws Exception {
    LocalPostgres postgres = local.postgres();
    String template = template(database.name());
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + LocalPostgres.quote(template) + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + LocalPostgres.quote(template));
    }
    try {
      database.seed().seed(new Seed(local, template));
    } catch (Exception e) {
      throw FerryException.badInput("seeding database " + database.name() + " of the world of " + world.migration()
          + " failed: " + e.getMessage(), "fix the world's Database.seededBy(...) for " + database.name());
    }
    Map<String, Long> above = new HashMap<>();
    try (Connection c = postgres.connect(template); Statement s = c.createStatement()) {
      for (Writer w : world.writers()) {
        if (w.database().equals(database.name())) {
          try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM " + LocalPostgres.quote(w.table()))) {
            rs.next();
            above.put(w.table(), rs.getLong(1));
          } catch (SQLException e) {
            throw FerryException.badInput("writer " + w.name() + " inserts into " + w.database() + "." + w.table()
                    + ", which the seed did not create (" + e.getMessage() + ")",
                "create table " + w.table() + " (id bigserial primary key, ...) in the seed of " + w.database());
          }
        }
      }
    }
    writerRowsAbove.put(database.name(), above);
  }

  /** Creates {@code copy} from world database {@code name}'s template. */
  void copy(LocalPostgres postgres, String name, String copy) throws SQLException {
    synchronized (templateLock) {
      try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + LocalPostgres.quote(copy) + " TEMPLATE " + LocalPostgres.quote(template(name)));
      }
    }
  }

  Map<String, Long> writerRowsAbove(String database) {
    return writerRowsAbove.getOrDefault(database, Map.of());
  }

  /** The handler of a function the world declares, made on {@code context}. */
  static dev.ferry.engine.LambdaHandler handler(LocalFunction function, WorldContext context) {
    try {
      LocalFunction.Handler handler = function.factory().create(context);
      return handler::handle;
    } catch (Exception e) {
      throw FerryException.badInput("the local handler of " + function.name() + " could not be made: " + e.getMessage(),
          "fix the world's LocalFunction for " + function.name());
    }
  }

  /** The world's local pieces on a target. */
  static dev.ferry.engine.TaskResolver resolver(LocalIntegration integration, WorldContext context) {
    try {
      return integration.factory().create(context);
    } catch (Exception e) {
      throw FerryException.badInput("the local stand-in of " + integration.resourcePrefix() + " could not be made: "
          + e.getMessage(), "fix the world's LocalIntegration for " + integration.resourcePrefix());
    }
  }

  record Pieces(LocalTarget local) implements WorldContext {
    @Override
    public LocalPostgres postgres() {
      return local.postgres();
    }

    @Override
    public DynamoDbClient dynamoDb() {
      return local.dynamoDb();
    }

    @Override
    public LocalEnvironment environment() {
      return local.environment();
    }
  }

  private final class Seed implements SeedContext {
    private final LocalTarget local;
    private final String database;

    Seed(LocalTarget local, String database) {
      this.local = local;
      this.database = database;
    }

    @Override
    public String database() {
      return database;
    }

    @Override
    public String secretArn() {
      return LocalSecrets.arnFor(database);
    }

    @Override
    public Connection connect() throws SQLException {
      return local.postgres().connect(database);
    }

    @Override
    public void execute(String... sql) throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        for (String statement : sql) {
          s.execute(statement);
        }
      }
    }

    @Override
    public JsonNode call(String function, Object payload) throws Exception {
      JsonNode body = JSON.valueToTree(payload);
      Optional<LocalFunction> own = world.functions().stream().filter(f -> f.name().equals(function)).findFirst();
      if (own.isPresent()) {
        return handler(own.get(), new Pieces(local)).handle(body);
      }
      return TaskCatalog.function(function)
          .orElseThrow(() -> new IllegalArgumentException("no function " + function + " is shipped or declared by the world"))
          .local(local.environment()).apply(body);
    }
  }
}
