package dev.ferry.tasks.migrationservice;

import Ferry.InvalidInput;
import Ferry.ServiceUnavailable;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** A client of the migration service at {@code baseUrl}; the same on AWS and locally. */
public final class MigrationService {

  /** What {@code PATCH /upgrade} came back with, or that it timed out. */
  public sealed interface UpgradeCall {
    record Answered(int status, JsonNode body) implements UpgradeCall {}

    record TimedOut() implements UpgradeCall {}
  }

  private final HttpClient http;
  private final URI base;

  public MigrationService(HttpClient http, String baseUrl) {
    this.http = http;
    URI uri;
    try {
      uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("baseUrl: '" + baseUrl + "' is not an http(s) URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
      throw new InvalidInput("baseUrl: '" + baseUrl + "' is not an http(s) URL: not an http(s) URL");
    }
    this.base = uri;
  }

  public SchemaStatus status(Duration timeout) {
    JsonNode body = get("db_schema_status", timeout);
    try {
      return Json.mapper().treeToValue(body, SchemaStatus.class);
    } catch (IOException e) {
      throw new ServiceUnavailable("GET " + base.resolve("db_schema_status") + " answered " + body
          + ", not a schema status", e);
    }
  }

  /** Sends {@code PATCH /upgrade} once; a timeout is reported, never retried here. */
  public UpgradeCall upgrade(Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("upgrade")).timeout(timeout)
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new UpgradeCall.Answered(response.statusCode(), parse(response.body()));
    } catch (HttpTimeoutException e) {
      return new UpgradeCall.TimedOut();
    } catch (IOException e) {
      throw new ServiceUnavailable("PATCH " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailable("interrupted during PATCH " + request.uri(), e);
    }
  }

  /** {@code GET} of any URL, as JSON. */
  public static JsonNode getJson(HttpClient http, URI url, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new ServiceUnavailable("GET " + url + " answered HTTP " + response.statusCode() + ": " + response.body());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new ServiceUnavailable("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailable("interrupted during GET " + url, e);
    }
  }

  private JsonNode get(String path, Duration timeout) {
    return getJson(http, base.resolve(path), timeout);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
    } catch (IOException e) {
      return Json.mapper().getNodeFactory().textNode(body);
    }
  }
}
