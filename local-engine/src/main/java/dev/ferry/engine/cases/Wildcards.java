package dev.ferry.engine.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a run with a recording whose varying values (request ids, dates, generated names) the
 * recorder replaced: at a {@code value} wildcard any JSON value matches; at a {@code whole-string}
 * or {@code substring} wildcard the placeholder text stands for its bound world value or, unbound,
 * for any text, the same text wherever that placeholder appears in the case. Everything else must
 * match exactly (numbers by value, key order ignored).
 */
final class Wildcards {
  private record Wildcard(String placeholder, String mode, String bound) {}

  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Canonical path ({@code $output["a"][0]}) to the wildcards there. */
  private final Map<String, List<Wildcard>> byPath = new HashMap<>();
  /** What each unbound placeholder matched first. */
  private final Map<String, String> matched = new HashMap<>();

  Wildcards(JsonNode wildcards) {
    for (JsonNode w : wildcards) {
      String path = canonical(w.path("path").asText());
      JsonNode bound = w.get("bound");
      byPath.computeIfAbsent(path, k -> new ArrayList<>())
          .add(new Wildcard(w.path("placeholder").asText(), w.path("mode").asText(), bound == null || bound.isNull() ? null : bound.asText()));
    }
  }

  /** Null when the recorded result matches the run, else what differs. */
  String compare(JsonNode expected, String status, String error, String cause, JsonNode output) {
    if (!expected.path("status").asText().equals(status)) {
      return "status " + status + " (" + error + ": " + cause + "), expected " + expected.path("status").asText();
    }
    if (status.equals("SUCCEEDED")) {
      String diff = value(expected.get("output"), output, "$output");
      return diff == null ? null : "output " + diff;
    }
    JsonNode e = expected.get("error");
    String expectedError = e == null || e.isNull() ? null : e.asText();
    if (!Objects.equals(expectedError, error)) {
      return "error " + error + " (" + cause + "), expected " + expectedError;
    }
    JsonNode c = expected.get("cause");
    String expectedCause = c == null || c.isNull() ? null : c.asText();
    if (expectedCause == null || text(expectedCause, cause, "$cause")) {
      return null;
    }
    if (expected.path("causeReconstructed").asBoolean() && cause != null && sameJsonCause(expectedCause, cause)) {
      return null;
    }
    return "cause " + cause + ", expected " + expectedCause;
  }

  private boolean sameJsonCause(String expected, String actual) {
    try {
      return jsonLeaves(Json.parse(expected), Json.parse(actual));
    } catch (IllegalArgumentException notJson) {
      return false;
    }
  }

  /** A JSON cause compared as JSON, the cause's substring wildcards applying to its string leaves. */
  private boolean jsonLeaves(JsonNode expected, JsonNode actual) {
    if (expected.isTextual() && actual.isTextual()) {
      return text(expected.asText(), actual.asText(), "$cause");
    }
    if (expected.isObject() && actual.isObject()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        JsonNode other = actual.get(field.getKey());
        if (other == null || !jsonLeaves(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        if (!jsonLeaves(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Json.sameValue(expected, actual);
  }

  private String value(JsonNode expected, JsonNode actual, String path) {
    List<Wildcard> here = byPath.get(path);
    if (here != null) {
      if (here.stream().anyMatch(w -> w.mode().equals("value"))) {
        return actual == null ? path + " is missing" : null;
      }
      if (expected.isTextual()) {
        return actual != null && actual.isTextual() && text(expected.asText(), actual.asText(), path) ? null : path + " is " + show(actual) + ", expected " + show(expected);
      }
    }
    if (actual == null) {
      return path + " is missing, expected " + show(expected);
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return path + " is " + show(actual) + ", expected an object";
      }
      for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!expected.has(name)) {
          return path + " has '" + name + "' (" + show(actual.get(name)) + "), which the recording lacks";
        }
      }
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        String diff = value(field.getValue(), actual.get(field.getKey()), path + "[" + Json.write(Json.NODES.textNode(field.getKey())) + "]");
        if (diff != null) {
          return diff;
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return path + " is " + show(actual) + ", expected " + show(expected);
      }
      for (int i = 0; i < expected.size(); i++) {
        String diff = value(expected.get(i), actual.get(i), path + "[" + i + "]");
        if (diff != null) {
          return diff;
        }
      }
      return null;
    }
    return Json.sameValue(expected, actual) ? null : path + " is " + show(actual) + ", expected " + show(expected);
  }

  private static String show(JsonNode node) {
    if (node == null) {
      return "missing";
    }
    String text = Json.write(node);
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  /** Whether {@code actual} is {@code expected} with this path's placeholders standing for their values. */
  private boolean text(String expected, String actual, String path) {
    if (expected.equals(actual)) {
      return true;
    }
    List<Wildcard> here = byPath.getOrDefault(path, List.of());
    if (here.isEmpty() || actual == null) {
      return false;
    }
    List<Wildcard> longestFirst = new ArrayList<>(here);
    longestFirst.sort((a, b) -> b.placeholder().length() - a.placeholder().length());
    StringBuilder regex = new StringBuilder();
    Map<String, String> groups = new LinkedHashMap<>();
    int i = 0;
    outer:
    while (i < expected.length()) {
      for (Wildcard w : longestFirst) {
        if (expected.startsWith(w.placeholder(), i)) {
          regex.append(placeholderPattern(w, groups));
          i += w.placeholder().length();
          continue outer;
        }
      }
      int next = i + 1;
      regex.append(Pattern.quote(expected.substring(i, next)));
      i = next;
    }
    Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual);
    if (!m.matches()) {
      return false;
    }
    groups.forEach((placeholder, group) -> matched.put(placeholder, m.group(group)));
    return true;
  }

  private String placeholderPattern(Wildcard w, Map<String, String> groups) {
    if (w.bound() != null) {
      return Pattern.quote(w.bound());
    }
    String earlier = matched.get(w.placeholder());
    if (earlier != null) {
      return Pattern.quote(earlier);
    }
    String group = groups.get(w.placeholder());
    if (group != null) {
      return "\\k<" + group + ">";
    }
    group = "p" + groups.size();
    groups.put(w.placeholder(), group);
    String any = w.placeholder().startsWith("<uuid") ? UUID_TEXT.pattern() : ".+?";
    return "(?<" + group + ">" + any + ")";
  }

  /** {@code $output.a["b c"][0]} as {@code $output["a"]["b c"][0]}. */
  static String canonical(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
      i++;
    }
    StringBuilder out = new StringBuilder(path.substring(0, i));
    while (i < path.length()) {
      char ch = path.charAt(i);
      if (ch == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        out.append('[').append(Json.write(Json.NODES.textNode(path.substring(i + 1, end)))).append(']');
        i = end;
      } else if (ch == '[') {
        int end = path.indexOf(']', i);
        String inside = path.substring(i + 1, end);
        if (inside.startsWith("\"")) {
          // A quoted name may itself hold ']': find the closing quote first.
          int close = path.indexOf("\"]", i + 2);
          inside = path.substring(i + 1, close + 1);
          end = close + 1;
          out.append('[').append(Json.write(Json.parse(inside))).append(']');
        } else {
          out.append('[').append(inside).append(']');
        }
        i = end + 1;
      } else {
        throw new IllegalArgumentException("Cannot read the wildcard path '" + path + "' at character " + i + ".");
      }
    }
    return out.toString();
  }
}
