package dev.ferry.deploy.rehearse.world;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;

/** What a {@link Database.Seed} works on: the freshly created template database. */
public interface SeedContext {

  /** The template database's name on the embedded PostgreSQL. */
  String database();

  /** The secret ARN that resolves to this database locally, for shipped functions' payloads. */
  String secretArn();

  /** A new connection to the database; the caller closes it. */
  Connection connect() throws SQLException;

  /** Runs each statement in turn, in one connection. */
  void execute(String... sql) throws SQLException;

  /**
   * Calls a function's local handler, shipped or declared by the world (e.g. {@code
   * ferry-schema-migrate} to bring the schema to its first version), and returns its result.
   */
  JsonNode call(String function, Object payload) throws Exception;
}
