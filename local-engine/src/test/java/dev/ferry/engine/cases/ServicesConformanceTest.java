package dev.ferry.engine.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.tasks.DynamoDbLocal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the service-integration cases recorded against AWS (DynamoDB optimized and SDK
 * integrations, Lambda by ARN and through lambda:invoke), each in its own world of DynamoDB Local
 * tables and in-process functions, and requires at least 95 % to match AWS's outputs and errors,
 * HTTP metadata and causes included.
 */
class ServicesConformanceTest {

  @Test
  void answersAsAwsOnTheRecordedServiceIntegrations() throws Exception {
    List<JsonNode> cases = CaseFile.read(Corpus.file("services.jsonl"));
    List<CaseResult> failed = new ArrayList<>();
    try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
      for (JsonNode c : cases) {
        CaseResult result = CaseFile.run(c, dynamoDb::client);
        if (!result.passed()) {
          failed.add(result);
        }
      }
    }
    int passed = cases.size() - failed.size();
    double share = 100.0 * passed / cases.size();
    System.out.printf("service-integration conformance: %d passed, %d failed of %d (%.1f%%)%n", passed, failed.size(), cases.size(), share);
    failed.forEach(f -> System.out.println("  FAIL " + f.id() + ": " + f.mismatch()));
    assertThat(cases).as("service-integration cases").hasSizeGreaterThanOrEqualTo(30);
    assertThat(share).as("share of service-integration cases answered as AWS answered them").isGreaterThanOrEqualTo(95.0);
  }
}
