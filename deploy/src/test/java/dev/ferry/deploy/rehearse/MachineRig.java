package dev.ferry.deploy.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.aws.Tables;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.engine.Execution;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.StateMachineDefinition;
import dev.ferry.machines.PostgresSchemaUpgrade;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalDynamoDb;
import dev.ferry.tasks.local.LocalFunctionVersions;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import dev.ferry.tasks.local.LocalWriters;
import dev.ferry.tasks.schema.SchemaMigrateHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The compiled {@code postgres-schema-upgrade} machine on the local engine, with every task
 * handler of the catalogue on its local adapter (real embedded PostgreSQL, real DynamoDB Local),
 * each call counted; a test may replace one function's handler.
 */
final class MachineRig implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DATABASE = "orders";
  static final String WRITER = "orders-writer";
  static final Instant CLOCK_START = Instant.parse("2030-01-01T00:00:00Z");

  /** One Lambda invocation the machine made. */
  record Call(String function, JsonNode payload) {}

  final LocalDynamoDb dynamo;
  final LocalPostgres postgres;
  final LocalWriters writers = new LocalWriters();
  final LocalEnvironment env;
  final List<Call> calls = new CopyOnWriteArrayList<>();
  final Map<String, LambdaHandler> overrides = new ConcurrentHashMap<>();
  final String definitionJson;
  LocalEngine engine;
  StateMachineDefinition machine;

  private MachineRig(MigrationGraph graph) {
    dynamo = LocalDynamoDb.start();
    postgres = LocalPostgres.start();
    env = new LocalEnvironment(postgres, dynamo.client(), writers, new LocalFunctionVersions(),
        TableNames.DEFAULT.progress());
    Tables tables = new Tables(dynamo.client());
    tables.ensure(TableNames.DEFAULT.progress(), Optional.empty(), false);
    tables.ensure(TableNames.DEFAULT.audit(), Optional.of("entry"), false);
    definitionJson = Compiler.compile(graph).json();
    writers.register(new LocalWriter(WRITER, postgres, DATABASE, "orders", Duration.ofMillis(5)));
    reset();
  }

  /** The rig around the shipped {@code postgres-schema-upgrade}. */
  static MachineRig start() {
    return new MachineRig(new PostgresSchemaUpgrade().graph());
  }

  /** The rig around another migration with the same parameters. */
  static MachineRig start(MigrationGraph graph) {
    return new MachineRig(graph);
  }

  DynamoDbClient dynamoDb() {
    return dynamo.client();
  }

  /** A fresh engine, empty tables, a freshly seeded database, no calls, no overrides. */
  void reset() {
    if (engine != null) {
      engine.close();
    }
    calls.clear();
    overrides.clear();
    clearTable(TableNames.DEFAULT.progress(), List.of("target"));
    clearTable(TableNames.DEFAULT.audit(), List.of("target", "entry"));
    seedDatabase();
    LocalEngine.Builder builder = LocalEngine.builder().virtualClock(CLOCK_START).dynamoDb(dynamo.client());
    TaskCatalog.functions().forEach(f -> {
      Function<JsonNode, JsonNode> local = f.local(env);
      builder.lambda(f.name(), payload -> {
        calls.add(new Call(f.name(), payload.deepCopy()));
        LambdaHandler override = overrides.get(f.name());
        return override != null ? override.handle(payload) : local.apply(payload);
      });
    });
    engine = builder.build();
    machine = engine.createStateMachine("postgres-schema-upgrade", parse(definitionJson));
  }

  private void seedDatabase() {
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname <> 'postgres' AND NOT datistemplate");
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      for (String name : names) {
        s.execute("DROP DATABASE " + LocalPostgres.quote(name) + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    postgres.createDatabase(DATABASE);
    new SchemaMigrateHandler(new LocalSecrets(postgres)).handleRequest(
        new SchemaMigrateHandler.Input(secretArn(), "classpath:db/demo", "1"), null);
    try (Connection c = postgres.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("INSERT INTO customers (name) SELECT 'customer ' || g FROM generate_series(1, 3) g");
      s.execute("INSERT INTO orders (customer_id, amount) SELECT 1 + g % 3, g * 10 FROM generate_series(1, 5) g");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void clearTable(String table, List<String> keys) {
    DynamoDbClient client = dynamo.client();
    client.scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
      Map<String, AttributeValue> key = new java.util.HashMap<>();
      keys.forEach(k -> key.put(k, item.get(k)));
      client.deleteItem(r -> r.tableName(table).key(key));
    });
  }

  static String secretArn() {
    return LocalSecrets.arnFor(DATABASE);
  }

  /** A valid Ferry input document for target {@code target}. */
  static ObjectNode validInput(String target) {
    ObjectNode input = JSON.createObjectNode();
    input.put("target", target);
    input.put("requestedBy", "alice@example.com");
    input.put("trigger", "api");
    ObjectNode parameters = input.putObject("parameters");
    parameters.put("dbInstanceIdentifier", DATABASE);
    parameters.put("secretArn", secretArn());
    parameters.putArray("writers").addObject().put("type", "local").put("name", WRITER);
    parameters.put("targetVersion", "3");
    return input;
  }

  Execution start(String name, JsonNode input) {
    return engine.start(machine, name, input);
  }

  /** Every item of the progress and audit tables. */
  List<Map<String, AttributeValue>> rows() {
    List<Map<String, AttributeValue>> rows = new java.util.ArrayList<>();
    for (String table : List.of(TableNames.DEFAULT.progress(), TableNames.DEFAULT.audit())) {
      dynamo.client().scanPaginator(r -> r.tableName(table)).items().forEach(rows::add);
    }
    return rows;
  }

  List<Map<String, AttributeValue>> auditRows() {
    List<Map<String, AttributeValue>> rows = new java.util.ArrayList<>();
    dynamo.client().scanPaginator(r -> r.tableName(TableNames.DEFAULT.audit())).items().forEach(rows::add);
    return rows;
  }

  /** Names of the databases on the local server other than {@code postgres}. */
  List<String> databases() {
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname <> 'postgres' AND NOT datistemplate ORDER BY 1");
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
    postgres.close();
    dynamo.close();
  }
}
