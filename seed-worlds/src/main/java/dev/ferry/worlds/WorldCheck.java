package dev.ferry.worlds;

/**
 * One invariant a seed world checks after a run, beyond the rehearsal's universal checks.
 *
 * @param name what it checks, as a report names it
 * @param ok whether it holds
 * @param detail what was found
 */
public record WorldCheck(String name, boolean ok, String detail) {

  public static WorldCheck of(String name, boolean ok, String detail) {
    return new WorldCheck(name, ok, detail);
  }
}
