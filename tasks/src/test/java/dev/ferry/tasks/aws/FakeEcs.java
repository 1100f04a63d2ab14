package dev.ferry.tasks.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small ECS (JSON 1.1 protocol) for {@link AwsStub}: services with desired counts and tags. */
final class FakeEcs {

  static final class Svc {
    int desiredCount;
    final Map<String, String> tags = new LinkedHashMap<>();
  }

  final Map<String, Svc> services = new LinkedHashMap<>();

  static String arn(String cluster, String name) {
    return "arn:aws:ecs:us-east-1:123456789012:service/" + cluster + "/" + name;
  }

  Svc service(String cluster, String name, int desiredCount) {
    Svc svc = new Svc();
    svc.desiredCount = desiredCount;
    services.put(arn(cluster, name), svc);
    return svc;
  }

  AwsStub.Reply handle(AwsStub.Request request) {
    try {
      String action = request.headers().get("x-amz-target").replace("AmazonEC2ContainerServiceV20141113.", "");
      JsonNode body = Json.mapper().readTree(request.body());
      return switch (action) {
        case "DescribeServices" -> {
          String cluster = body.get("cluster").asText();
          if (cluster.equals("missing-cluster")) {
            yield error("ClusterNotFoundException", "Cluster not found.");
          }
          List<Map<String, Object>> found = new ArrayList<>();
          List<Map<String, Object>> failures = new ArrayList<>();
          for (JsonNode name : body.get("services")) {
            Svc svc = services.get(arn(cluster, name.asText()));
            if (svc == null) {
              failures.add(Map.of("arn", arn(cluster, name.asText()), "reason", "MISSING"));
            } else {
              found.add(Map.of("serviceName", name.asText(), "serviceArn", arn(cluster, name.asText()),
                  "status", "ACTIVE", "desiredCount", svc.desiredCount));
            }
          }
          yield json(Map.of("services", found, "failures", failures));
        }
        case "ListTagsForResource" -> {
          List<Map<String, String>> tags = new ArrayList<>();
          services.get(body.get("resourceArn").asText()).tags.forEach((k, v) -> tags.add(Map.of("key", k, "value", v)));
          yield json(Map.of("tags", tags));
        }
        case "TagResource" -> {
          Svc svc = services.get(body.get("resourceArn").asText());
          body.get("tags").forEach(t -> svc.tags.put(t.get("key").asText(), t.get("value").asText()));
          yield json(Map.of());
        }
        case "UntagResource" -> {
          Svc svc = services.get(body.get("resourceArn").asText());
          body.get("tagKeys").forEach(k -> svc.tags.remove(k.asText()));
          yield json(Map.of());
        }
        case "UpdateService" -> {
          Svc svc = services.get(arn(body.get("cluster").asText(), body.get("service").asText()));
          svc.desiredCount = body.get("desiredCount").asInt();
          yield json(Map.of("service", Map.of("desiredCount", svc.desiredCount)));
        }
        default -> error("InvalidParameterException", "the fake does not play " + action);
      };
    } catch (Exception e) {
      return new AwsStub.Reply(500, "application/x-amz-json-1.1", "{\"message\":\"" + e + "\"}");
    }
  }

  private static AwsStub.Reply json(Object value) throws Exception {
    return new AwsStub.Reply(200, "application/x-amz-json-1.1", Json.mapper().writeValueAsString(value));
  }

  private static AwsStub.Reply error(String type, String message) {
    return new AwsStub.Reply(400, "application/x-amz-json-1.1",
        "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }
}
