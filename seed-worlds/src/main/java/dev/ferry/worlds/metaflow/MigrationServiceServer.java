package dev.ferry.worlds.metaflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.tasks.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.FlywayException;

/**
 * The stand-in Metaflow migration service on a loopback port: {@code GET /db_schema_status},
 * {@code PATCH /upgrade} (applies every pending migration of {@link MetadataSchema}, answering when
 * done) and {@code GET /version} (the service version the schema allows). Stays up while the
 * metadata service is scaled to zero, as the real one runs beside it.
 */
public final class MigrationServiceServer implements AutoCloseable {

  private final MetadataSchema schema;
  private final HttpServer server;
  private final AtomicBoolean migrating = new AtomicBoolean();

  private MigrationServiceServer(MetadataSchema schema, HttpServer server) {
    this.schema = schema;
    this.server = server;
  }

  public static MigrationServiceServer start(MetadataSchema schema) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the migration service's loopback port", e);
    }
    MigrationServiceServer service = new MigrationServiceServer(schema, server);
    server.createContext("/db_schema_status", exchange -> service.answer(exchange, "GET", service::schemaStatus));
    server.createContext("/upgrade", exchange -> service.answer(exchange, "PATCH", service::upgrade));
    server.createContext("/version", exchange -> service.answer(exchange, "GET", service::version));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return service;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private record Answer(int status, ObjectNode body) {}

  private interface Endpoint {
    Answer call();
  }

  private Answer schemaStatus() {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("migration_in_progress", migrating.get());
    MetadataSchema.Status status = schema.status();
    body.put("is_up_to_date", status.upToDate());
    body.put("current_version", Integer.toString(status.currentVersion()));
    status.unapplied().forEach(body.putArray("unapplied_migrations")::add);
    return new Answer(200, body);
  }

  private Answer upgrade() {
    if (!migrating.compareAndSet(false, true)) {
      return new Answer(409, Json.mapper().createObjectNode().put("upgrade-result", "upgrade already in progress"));
    }
    try {
      int applied = schema.migrateToLatest();
      return new Answer(200, Json.mapper().createObjectNode().put("upgrade-result", "upgrade success")
          .put("applied", applied));
    } catch (FlywayException e) {
      return new Answer(500, Json.mapper().createObjectNode().put("upgrade-result", "upgrade failed: " + e.getMessage()));
    } finally {
      migrating.set(false);
    }
  }

  private Answer version() {
    return new Answer(200, Json.mapper().createObjectNode()
        .put("version", MetadataSchema.serviceVersion(schema.status().currentVersion())));
  }

  private void answer(HttpExchange exchange, String method, Endpoint endpoint) throws IOException {
    try (exchange) {
      Answer answer;
      if (!exchange.getRequestMethod().equals(method)) {
        answer = new Answer(405, Json.mapper().createObjectNode().put("error", exchange.getRequestURI().getPath()
            + " takes " + method + ", not " + exchange.getRequestMethod()));
      } else {
        try {
          answer = endpoint.call();
        } catch (RuntimeException e) {
          // The database is being restored or renamed: the service is briefly unable to read it.
          answer = new Answer(503, Json.mapper().createObjectNode().put("error", String.valueOf(e.getMessage())));
        }
      }
      byte[] bytes = answer.body().toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
