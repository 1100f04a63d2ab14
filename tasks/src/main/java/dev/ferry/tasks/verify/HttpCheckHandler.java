package dev.ferry.tasks.verify;

import Ferry.InvalidInput;
import Ferry.VerificationFailed;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.migrationservice.MigrationService;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code ferry-http-check}: {@code GET url}, then the JSON field {@code field} (dotted path) equals
 * {@code equals}, or is a version at least {@code versionAtLeast} (numeric segments compared in
 * order: {@code 2.0.10 >= 2.0.2}). A mismatch or an unreachable URL fails with
 * {@code Ferry.VerificationFailed}.
 */
public final class HttpCheckHandler extends FerryHandler<HttpCheckHandler.Input, HttpCheckHandler.Output> {

  public record Input(String url, String field, @JsonProperty("equals") String expected, String versionAtLeast) {}

  public record Output(boolean ok, String actual) {}

  private final HttpClient http;

  public HttpCheckHandler() {
    this(HttpClient.newHttpClient());
  }

  public HttpCheckHandler(HttpClient http) {
    this.http = http;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    URI url;
    try {
      url = URI.create(Fields.text(input.url(), "url"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("url: '" + input.url() + "' is not a URL: " + e.getMessage());
    }
    String field = Fields.text(input.field(), "field");
    Fields.exactlyOne(input.expected(), "equals", input.versionAtLeast(), "versionAtLeast");
    JsonNode body;
    try {
      body = MigrationService.getJson(http, url, Duration.ofSeconds(30));
    } catch (Ferry.ServiceUnavailable e) {
      throw new VerificationFailed("GET " + url + " failed, so " + field + " could not be checked: " + e.getMessage(), e);
    }
    JsonNode value = body.at("/" + field.replace(".", "/"));
    if (value.isMissingNode() || value.isNull()) {
      throw new VerificationFailed(url + " has no field '" + field + "' in " + body);
    }
    String actual = value.asText();
    boolean ok = input.expected() != null ? actual.equals(input.expected()) : atLeast(actual, input.versionAtLeast());
    if (!ok) {
      throw new VerificationFailed(url + " field " + field + " is '" + actual + "', expected "
          + (input.expected() != null ? "'" + input.expected() + "'" : "a version >= " + input.versionAtLeast()));
    }
    return new Output(true, actual);
  }

  static boolean atLeast(String actual, String minimum) {
    int[] a = segments(actual);
    int[] m = segments(minimum);
    for (int i = 0; i < Math.max(a.length, m.length); i++) {
      int x = i < a.length ? a[i] : 0;
      int y = i < m.length ? m[i] : 0;
      if (x != y) {
        return x > y;
      }
    }
    return true;
  }

  private static int[] segments(String version) {
    String core = version.trim().replaceFirst("^[vV]", "").split("[-+ ]")[0];
    String[] parts = core.split("\\.");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String digits = parts[i].replaceAll("\\D.*$", "");
      if (digits.isEmpty()) {
        throw new VerificationFailed("'" + version + "' is not a version (segment '" + parts[i] + "')");
      }
      out[i] = Integer.parseInt(digits);
    }
    return out;
  }
}
