package dev.ferry.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.data.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB tasks go through a real SDK client to DynamoDB Local, with AWS's error names. */
class DynamoDbIntegrationTest {
  private static DynamoDbLocal dynamo;
  private static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    dynamo = DynamoDbLocal.start();
    dynamo.client().createTable(t -> t.tableName("Progress")
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    engine = LocalEngine.builder().dynamoDb(dynamo.client()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
    dynamo.close();
  }

  private static ExecutionResult run(String definition, String input) {
    return engine.start(definition, null, Json.parse(input)).await();
  }

  @Test
  void optimizedPutThenSdkGetReturnsTheItemInDynamoDbJson() {
    ExecutionResult r = run("""
        {"StartAt":"Put","States":{
          "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                 "Parameters":{"TableName":"Progress","Item":{"pk":{"S.$":"$.id"},"step":{"N":"3"},"tags":{"SS":["a","b"]},"ok":{"BOOL":true}}},
                 "ResultPath":"$.put","Next":"Get"},
          "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:getItem",
                 "Parameters":{"TableName":"Progress","Key":{"pk":{"S.$":"$.id"}},"ConsistentRead":true},
                 "ResultSelector":{"item.$":"$.Item"},"End":true}}}
        """, "{\"id\":\"m-1\"}");
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode item = r.output().get("item");
    assertThat(item.at("/pk/S").asText()).isEqualTo("m-1");
    assertThat(item.at("/step/N").asText()).isEqualTo("3");
    assertThat(item.at("/tags/SS")).hasSize(2);
    assertThat(item.at("/ok/BOOL").asBoolean()).isTrue();
    assertThat(dynamo.client().getItem(g -> g.tableName("Progress").key(java.util.Map.of("pk",
        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("m-1")))).item()).containsKey("step");
  }

  @Test
  void conditionalCheckFailureIsNamedPerIntegrationStyle() {
    run("""
        {"StartAt":"Put","States":{"Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
          "Parameters":{"TableName":"Progress","Item":{"pk":{"S":"lock"}}},"End":true}}}
        """, "{}");
    String conditional = """
        {"StartAt":"Put","States":{"Put":{"Type":"Task","Resource":"%s",
          "Parameters":{"TableName":"Progress","Item":{"pk":{"S":"lock"}},"ConditionExpression":"attribute_not_exists(pk)"},"End":true}}}
        """;
    ExecutionResult optimized = run(conditional.formatted("arn:aws:states:::dynamodb:putItem"), "{}");
    ExecutionResult sdk = run(conditional.formatted("arn:aws:states:::aws-sdk:dynamodb:putItem"), "{}");
    assertThat(optimized.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    assertThat(sdk.error()).isEqualTo("DynamoDb.ConditionalCheckFailedException");
    assertThat(sdk.cause()).contains("conditional request failed");
  }

  @Test
  void transactWriteItemsCancellationIsCatchable() {
    ExecutionResult r = run("""
        {"StartAt":"Tx","States":{
          "Tx":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:transactWriteItems",
            "Parameters":{"TransactItems":[
              {"Put":{"TableName":"Progress","Item":{"pk":{"S":"tx-1"}}}},
              {"ConditionCheck":{"TableName":"Progress","Key":{"pk":{"S":"missing"}},"ConditionExpression":"attribute_exists(pk)"}}]},
            "Catch":[{"ErrorEquals":["DynamoDb.TransactionCanceledException"],"ResultPath":"$.error","Next":"Held"}],"End":true},
          "Held":{"Type":"Pass","End":true}}}
        """, "{}");
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().at("/error/Error").asText()).isEqualTo("DynamoDb.TransactionCanceledException");
  }

  @Test
  void queryAndUpdateMapGenericallyAndUnknownParametersAreNamed() {
    run("""
        {"StartAt":"Put","States":{"Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
          "Parameters":{"TableName":"Progress","Item":{"pk":{"S":"q-1"},"n":{"N":"1"}}},"End":true}}}
        """, "{}");
    ExecutionResult r = run("""
        {"StartAt":"Update","States":{
          "Update":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
            "Parameters":{"TableName":"Progress","Key":{"pk":{"S":"q-1"}},"UpdateExpression":"SET n = n + :one",
              "ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"ALL_NEW"},"ResultPath":"$.update","Next":"Query"},
          "Query":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:query",
            "Parameters":{"TableName":"Progress","KeyConditionExpression":"pk = :pk","ExpressionAttributeValues":{":pk":{"S":"q-1"}}},
            "End":true}}}
        """, "{}");
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().get("Count").asInt()).isEqualTo(1);
    assertThat(r.output().at("/Items/0/n/N").asText()).isEqualTo("2");

    ExecutionResult bad = run("""
        {"StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:getItem",
          "Parameters":{"TableName":"Progress","Key":{"pk":{"S":"x"}},"Bogus":1},"End":true}}}
        """, "{}");
    assertThat(bad.error()).isEqualTo("States.Runtime");
    assertThat(bad.cause()).contains("'Bogus' is not a parameter");
  }
}
