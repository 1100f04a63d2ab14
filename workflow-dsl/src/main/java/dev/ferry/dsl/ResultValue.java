package dev.ferry.dsl;

/**
 * One value of a result field with a fixed set of values (a snapshot's {@code available}): implemented
 * by the enums of {@link ResultField#oneOf}, so a comparison with a value the function never returns
 * does not compile.
 */
public interface ResultValue {

  /** The value as the function returns it. */
  String wire();
}
