package dev.ferry.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rehearses a migration: the method runs once per rehearsal run (the fault-free run, then each
 * fault at each step that admits it), and each run fails the test when any of its checks fails.
 * The migration and its rehearsal world are found on the test's class path ({@code
 * META-INF/services}).
 *
 * <pre>{@code
 * class OrdersStatusColumnTest {
 *   @RehearsalTest("orders-status-column")
 *   void rehearse(Rehearsal.Run run) {
 *     // reached only when every check of this run passed; assert more about it here if you like
 *   }
 * }
 * }</pre>
 *
 * The method may take a {@link dev.ferry.deploy.rehearse.Rehearsal.Run} parameter, or none.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(RehearsalExtension.class)
public @interface RehearsalTest {

  /** The migration's name, as its {@code MigrationDefinition} declares it. */
  String value();

  /** The faults to inject: {@code all}, or a comma-separated list ({@code throws,crash}). */
  String faults() default "all";

  /** The steps to fault; every step that calls a function when empty. */
  String[] steps() default {};

  /** How many runs go on at once; 0 for the number of cores (at least two). */
  int parallel() default 0;
}
