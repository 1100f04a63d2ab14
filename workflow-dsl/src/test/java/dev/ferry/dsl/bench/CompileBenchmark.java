package dev.ferry.dsl.bench;

import static dev.ferry.dsl.TestFunctions.OK;
import static dev.ferry.dsl.TestFunctions.SNAPSHOT_ID;
import static dev.ferry.dsl.TestFunctions.fn;

import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Builds (graph + validation) and compiles (lowering + JSON + size check) generated linear
 * migrations of N steps: backup, upgrade (with a rollback) and verify in turn. From about 3,000
 * steps the definition exceeds 1 MB; then the measured work ends at the size check's exception.
 * Run with {@code workflow-dsl/bench/run.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

  @Param({"10", "100", "1000", "10000"})
  public int steps;

  private List<Step> generated;

  @Setup
  public void generate() {
    generated = steps(steps);
  }

  /** N steps cycling backup, upgrade (compensated by a rollback), verify; the last is a verify. */
  public static List<Step> steps(int n) {
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("step-%05d", i);
      Payload payload = Payload.of("secretArn", Ref.param("secretArn")).withExecutionName();
      Step previous = i == 0 ? null : out.getLast();
      Step step = switch (i == n - 1 ? 2 : i % 3) {
        case 0 -> Step.backup(id).invoke(fn("db-snapshot-create").call(payload));
        case 1 -> Step.upgrade(id).invoke(fn("schema-migrate").call(payload))
            .compensatedBy(Step.rollback(id + "-undo").invoke(fn("db-snapshot-restore")
                .call(Payload.of("snapshotId", previous.output(SNAPSHOT_ID)))));
        default -> Step.verify(id).invoke(fn("schema-verify").call(payload))
            .expect(Expect.isTrue(OK));
      };
      out.add(step);
    }
    return out;
  }

  /** The definition's size in bytes, or minus the size when it exceeds the limit. */
  @Benchmark
  public int buildAndCompile() {
    var graph = Migration.named("bench").parameter(Parameter.string("secretArn")).steps(generated).build();
    try {
      return Compiler.compile(graph).sizeBytes();
    } catch (MigrationValidationException tooLarge) {
      return -tooLarge.getMessage().length();
    }
  }
}
