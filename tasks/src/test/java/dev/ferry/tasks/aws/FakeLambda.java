package dev.ferry.tasks.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.tasks.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small Lambda (REST-JSON protocol) for {@link AwsStub}: functions, concurrency, mappings, tags, versions, aliases. */
final class FakeLambda {

  static final class Function {
    String name;
    Integer reservedConcurrency;
    final Map<String, String> tags = new LinkedHashMap<>();
    /** Descriptions of $LATEST (index 0) and of each published version (its number is its index). */
    final List<String> versions = new ArrayList<>(List.of(""));
    final Map<String, String> aliases = new LinkedHashMap<>();

    String arn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:" + name;
    }
  }

  final Map<String, Function> functions = new LinkedHashMap<>();
  /** Event source mapping uuid -> [function name, state]. */
  final Map<String, String[]> mappings = new LinkedHashMap<>();

  Function function(String name, Integer reservedConcurrency) {
    Function f = new Function();
    f.name = name;
    f.reservedConcurrency = reservedConcurrency;
    functions.put(name, f);
    return f;
  }

  AwsStub.Reply handle(AwsStub.Request request) {
    String path = URLDecoder.decode(request.path(), StandardCharsets.UTF_8);
    String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
    path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String m = request.method();
    try {
      JsonNode body = request.body().isEmpty() ? Json.mapper().createObjectNode() : Json.mapper().readTree(request.body());
      Matcher x;
      if ((x = match("/2015-03-31/functions/([^/]+)", path)) != null && m.equals("GET")) {
        Function f = fn(x.group(1));
        return f == null ? notFound(x.group(1)) : json(Map.of("Configuration", config(f, "$LATEST")));
      }
      if ((x = match("/2019-09-30/functions/([^/]+)/concurrency", path)) != null) {
        Function f = fn(x.group(1));
        if (f == null) {
          return notFound(x.group(1));
        }
        return json(f.reservedConcurrency == null ? Map.of() : Map.of("ReservedConcurrentExecutions", f.reservedConcurrency));
      }
      if ((x = match("/2017-10-31/functions/([^/]+)/concurrency", path)) != null) {
        Function f = fn(x.group(1));
        if (f == null) {
          return notFound(x.group(1));
        }
        if (m.equals("DELETE")) {
          f.reservedConcurrency = null;
          return new AwsStub.Reply(204, "application/json", "");
        }
        f.reservedConcurrency = body.get("ReservedConcurrentExecutions").asInt();
        return json(Map.of("ReservedConcurrentExecutions", f.reservedConcurrency));
      }
      if (path.startsWith("/2015-03-31/event-source-mappings") && m.equals("GET")) {
        String fn = query.replaceAll(".*FunctionName=([^&]+).*", "$1");
        List<Map<String, String>> list = new ArrayList<>();
        mappings.forEach((uuid, v) -> {
          if (v[0].equals(fn)) {
            list.add(Map.of("UUID", uuid, "State", v[1]));
          }
        });
        return json(Map.of("EventSourceMappings", list));
      }
      if ((x = match("/2015-03-31/event-source-mappings/([^/]+)", path)) != null && m.equals("PUT")) {
        String[] mapping = mappings.get(x.group(1));
        mapping[1] = body.get("Enabled").asBoolean() ? "Enabled" : "Disabled";
        return json(Map.of("UUID", x.group(1), "State", mapping[1]));
      }
      if ((x = match("/2017-03-31/tags/arn:aws:lambda:us-east-1:123456789012:function:([^/]+)", path)) != null) {
        Function f = fn(x.group(1));
        switch (m) {
          case "GET" -> {
            return json(Map.of("Tags", f.tags));
          }
          case "POST" -> body.get("Tags").properties().forEach(e -> f.tags.put(e.getKey(), e.getValue().asText()));
          default -> f.tags.remove(query.replaceAll(".*tagKeys=([^&]+).*", "$1"));
        }
        return new AwsStub.Reply(204, "application/json", "");
      }
      if ((x = match("/2015-03-31/functions/([^/]+)/code", path)) != null) {
        Function f = fn(x.group(1));
        if (f == null) {
          return notFound(x.group(1));
        }
        return json(config(f, "$LATEST"));
      }
      if ((x = match("/2015-03-31/functions/([^/]+)/versions", path)) != null) {
        Function f = fn(x.group(1));
        if (f == null) {
          return notFound(x.group(1));
        }
        if (m.equals("GET")) {
          List<Map<String, Object>> versions = new ArrayList<>();
          for (int i = 0; i < f.versions.size(); i++) {
            versions.add(Map.of("Version", i == 0 ? "$LATEST" : Integer.toString(i), "Description", f.versions.get(i)));
          }
          return json(Map.of("Versions", versions));
        }
        f.versions.add(body.path("Description").asText(""));
        return json(config(f, Integer.toString(f.versions.size() - 1)));
      }
      if ((x = match("/2015-03-31/functions/([^/]+)/aliases/([^/]+)", path)) != null) {
        Function f = fn(x.group(1));
        if (f == null || !f.aliases.containsKey(x.group(2))) {
          return notFound(x.group(1) + ":" + x.group(2));
        }
        if (m.equals("PUT")) {
          f.aliases.put(x.group(2), body.get("FunctionVersion").asText());
        }
        return json(Map.of("Name", x.group(2), "FunctionVersion", f.aliases.get(x.group(2))));
      }
      return new AwsStub.Reply(400, "application/json", "{\"Message\":\"the fake does not play " + m + " " + path + "\"}");
    } catch (Exception e) {
      return new AwsStub.Reply(500, "application/json", "{\"Message\":\"" + e + "\"}");
    }
  }

  private Function fn(String nameOrArn) {
    return functions.get(nameOrArn.replaceAll(".*:function:", ""));
  }

  private static Map<String, Object> config(Function f, String version) {
    return Map.of("FunctionName", f.name, "FunctionArn", f.arn(), "Version", version,
        "State", "Active", "LastUpdateStatus", "Successful");
  }

  private static Matcher match(String regex, String path) {
    Matcher matcher = Pattern.compile(regex).matcher(path);
    return matcher.matches() ? matcher : null;
  }

  private static AwsStub.Reply json(Object value) throws Exception {
    return new AwsStub.Reply(200, "application/json", Json.mapper().writeValueAsString(value));
  }

  static AwsStub.Reply notFound(String what) {
    ObjectNode body = Json.mapper().createObjectNode().put("__type", "ResourceNotFoundException")
        .put("Type", "User").put("Message", "Function not found: " + what);
    return new AwsStub.Reply(404, "application/json", body.toString());
  }
}
