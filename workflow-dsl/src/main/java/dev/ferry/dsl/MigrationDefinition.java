package dev.ferry.dsl;

import dev.ferry.dsl.graph.MigrationGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A shipped migration, found at run time with {@link ServiceLoader}: list implementations in
 * {@code META-INF/services/dev.ferry.dsl.MigrationDefinition}.
 */
public interface MigrationDefinition {

  /** The migration's name, as given to {@link Migration#named}. */
  default String name() {
    return graph().name();
  }

  /** The validated graph. */
  MigrationGraph graph();

  /** Every definition on the class path, sorted by name. */
  static List<MigrationDefinition> discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  /** Every definition visible to {@code loader}, sorted by name. */
  static List<MigrationDefinition> discover(ClassLoader loader) {
    List<MigrationDefinition> found = new ArrayList<>();
    ServiceLoader.load(MigrationDefinition.class, loader).forEach(found::add);
    found.sort(Comparator.comparing(MigrationDefinition::name));
    return List.copyOf(found);
  }
}
