package dev.ferry.deploy.load;

import java.util.Optional;

/**
 * A migration that could not be loaded: its class is missing or cannot be instantiated, its
 * {@code graph()} threw (an invalid migration), or its name is taken by another migration. The
 * other migrations stay usable.
 *
 * @param migration the migration's name when it is known (a validation failure names it)
 * @param message what went wrong, naming the class and its origin; no stack trace
 */
public record LoadProblem(Optional<String> migration, String message) {

  public boolean concerns(String name) {
    return migration.filter(name::equals).isPresent();
  }
}
