package dev.ferry.deploy.rehearse.world;

import java.util.Objects;

/**
 * Something that stands in for a service during one run (a local HTTP server answering as the
 * migration service would, a fake cluster): made before the run, after its databases and tables,
 * and closed after its checks. The input and the invariants reach it with {@link
 * RunContext#standIn}.
 *
 * @param name the name the world refers to it by
 * @param type what {@link #factory} makes
 */
public record StandIn<T extends AutoCloseable>(String name, Class<T> type, Factory<T> factory) {

  public StandIn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
  }

  @FunctionalInterface
  public interface Factory<T> {
    T create(RunContext run) throws Exception;
  }

  public static <T extends AutoCloseable> StandIn<T> of(String name, Class<T> type, Factory<T> factory) {
    return new StandIn<>(name, type, factory);
  }
}
