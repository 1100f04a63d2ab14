package dev.ferry.deploy.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The schedule's role: start the live alias, and send undeliverable runs to the dead-letter queue. */
final class SchedulerPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchedulerPolicy() {}

  private static ObjectNode documentNode(String aliasArn, Optional<String> deadLetterQueueArn) {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    statements.addObject().put("Sid", "StartLiveAlias").put("Effect", "Allow")
        .put("Action", "states:StartExecution").put("Resource", aliasArn);
    deadLetterQueueArn.ifPresent(dlq -> statements.addObject().put("Sid", "DeadLetters").put("Effect", "Allow")
        .put("Action", "sqs:SendMessage").put("Resource", dlq));
    return doc;
  }

  static String document(String aliasArn, Optional<String> deadLetterQueueArn) {
    return documentNode(aliasArn, deadLetterQueueArn).toString();
  }
}
