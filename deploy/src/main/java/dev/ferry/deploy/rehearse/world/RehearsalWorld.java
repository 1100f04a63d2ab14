package dev.ferry.deploy.rehearse.world;

import dev.ferry.deploy.FerryException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The service a project registers to make its migration rehearsable: {@code
 * META-INF/services/dev.ferry.deploy.rehearse.world.RehearsalWorld} lists the implementing classes.
 * An implementation has a public no-argument constructor and declares its {@link World}.
 */
public interface RehearsalWorld {

  /** The world; called once per rehearsal. */
  World world();

  /** Every world registered on {@code loader}, in registration order. */
  static List<RehearsalWorld> discover(ClassLoader loader) {
    return ServiceLoader.load(RehearsalWorld.class, loader).stream().map(ServiceLoader.Provider::get).toList();
  }

  /**
   * The world of {@code migration} on {@code loader}.
   *
   * @throws FerryException naming the migrations that have a world, and how to register one, when
   *     none (or more than one) is registered for it
   */
  static World forMigration(String migration, ClassLoader loader) {
    List<World> worlds = discover(loader).stream().map(RehearsalWorld::world).toList();
    List<World> matching = worlds.stream().filter(w -> w.migration().equals(migration)).toList();
    if (matching.size() > 1) {
      throw FerryException.badInput("migration '" + migration + "' has " + matching.size() + " rehearsal worlds registered",
          "keep one: remove the others from META-INF/services/" + RehearsalWorld.class.getName());
    }
    return matching.stream().findFirst().orElseThrow(() -> FerryException.badInput(
        "migration '" + migration + "' has no rehearsal world; worlds exist for: "
            + (worlds.isEmpty() ? "(none)" : String.join(", ", worlds.stream().map(World::migration).toList())),
        "write a class implementing " + RehearsalWorld.class.getName() + " whose world() is World.forMigration(\""
            + migration + "\")...build(), and list it in META-INF/services/" + RehearsalWorld.class.getName()));
  }

  /** The world of {@code migration} on {@code loader}, if one is registered. */
  static Optional<World> find(String migration, ClassLoader loader) {
    return discover(loader).stream().map(RehearsalWorld::world).filter(w -> w.migration().equals(migration)).findFirst();
  }
}
