package dev.ferry.engine.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.FunctionError;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.TaskRequest;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.tasks.DynamoDbIntegration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A case's world made real for one run: its tables created in DynamoDB (and deleted again on
 * close, so one DynamoDB Local serves every case), its functions registered as in-process Lambda
 * handlers behaving as the world says.
 */
final class WorldSetup implements AutoCloseable {
  private final DynamoDbIntegration dynamoDb;
  private final List<String> created = new ArrayList<>();
  private final AtomicReference<LocalEngine> engine = new AtomicReference<>();

  private WorldSetup(DynamoDbClient client) {
    this.dynamoDb = client == null ? null : new DynamoDbIntegration(client, Instant::now);
  }

  /** Creates the world's tables through {@code client} (null when the case needs none) and adds its functions to {@code builder}. */
  static WorldSetup install(World world, DynamoDbClient client, LocalEngine.Builder builder) {
    WorldSetup setup = new WorldSetup(client);
    try {
      for (World.Table table : world.tables()) {
        setup.create(table);
      }
    } catch (RuntimeException e) {
      setup.close();
      throw e;
    }
    for (World.Function f : world.functions()) {
      builder.lambda(f.arn(), setup.handler(f));
    }
    return setup;
  }

  /** Gives the functions the engine's clock, for behaviours that take time. */
  void bind(LocalEngine built) {
    engine.set(built);
  }

  private void create(World.Table table) {
    if (dynamoDb == null) {
      throw new IllegalStateException("The world's table '" + table.name() + "' needs DynamoDB; run the case with a DynamoDB client.");
    }
    ObjectNode create = Json.object();
    create.put("TableName", table.name());
    create.set("KeySchema", table.keySchema());
    create.set("AttributeDefinitions", table.attributeDefinitions());
    create.put("BillingMode", table.billingMode());
    call("createTable", create);
    created.add(table.name());
    for (JsonNode item : table.items()) {
      ObjectNode put = Json.object();
      put.put("TableName", table.name());
      put.set("Item", item);
      call("putItem", put);
    }
  }

  private void call(String action, ObjectNode parameters) {
    try {
      dynamoDb.invoke(new TaskRequest(DynamoDbIntegration.SDK_PREFIX + action, parameters, "world", "world", null));
    } catch (StatesError e) {
      throw new IllegalStateException("Setting up the world failed at " + action + " " + parameters.path("TableName").asText() + ": " + e.error() + ": " + e.cause(), e);
    }
  }

  private LambdaHandler handler(World.Function f) {
    boolean python = f.runtime().startsWith("python");
    return new LambdaHandler() {
      @Override
      public JsonNode handle(JsonNode payload) {
        return run(f, f.behaviour(), payload, python);
      }

      @Override
      public String responseBody(JsonNode result) {
        return python ? PythonJson.dumps(result) : Json.write(result);
      }
    };
  }

  private JsonNode run(World.Function f, World.Behaviour behaviour, JsonNode payload, boolean python) {
    return switch (behaviour) {
      case World.Behaviour.Identity i -> payload;
      case World.Behaviour.Returns r -> r.value();
      case World.Behaviour.Raises r -> {
        ObjectNode error = Json.object();
        error.put("errorMessage", r.errorMessage());
        error.put("errorType", r.errorType());
        error.put("requestId", UUID.randomUUID().toString());
        r.stackTrace().forEach(error.withArray("stackTrace")::add);
        throw new FunctionError(r.errorType(), python ? PythonJson.dumps(error) : Json.write(error));
      }
      case World.Behaviour.Sleeps s -> {
        if (s.seconds() > f.timeoutSeconds()) {
          engine.get().sleep(Duration.ofSeconds(f.timeoutSeconds()));
          ObjectNode error = Json.object();
          error.put("errorMessage", "RequestId: " + UUID.randomUUID() + " Error: Task timed out after " + f.timeoutSeconds() + ".00 seconds");
          error.put("errorType", "Sandbox.Timedout");
          throw new FunctionError("Sandbox.Timedout", Json.write(error));
        }
        engine.get().sleep(Duration.ofSeconds(s.seconds()));
        yield run(f, s.then(), payload, python);
      }
    };
  }

  @Override
  public void close() {
    for (String table : created) {
      ObjectNode delete = Json.object();
      delete.put("TableName", table);
      call("deleteTable", delete);
    }
    created.clear();
  }
}
