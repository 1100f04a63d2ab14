package dev.ferry.dsl.bench;

import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Build + validate + compile cost per step of {@link CompileBenchmark}'s generated migrations, in
 * CPU time of the measuring thread (a loaded machine stretches wall time, much less CPU time):
 * after warm-up, the median of several runs at each size. Prints one line per size:
 * {@code compile <steps> steps: <ms per step> ms/step (<ms per run> ms/run)}. Arguments: the sizes
 * (default 10 100 1000 10000). The bench command runs it; JMH's {@link CompileBenchmark} is the
 * finer instrument.
 */
public final class CompileCost {
  private CompileCost() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {10, 100, 1000, 10000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int size : sizes) {
      List<Step> steps = CompileBenchmark.steps(size);
      // About 30,000 steps of warm-up and 20,000 measured, at least 2 and 3 runs.
      int warm = Math.max(2, 30_000 / size);
      int runs = Math.max(3, Math.min(21, 20_000 / size));
      for (int i = 0; i < warm; i++) {
        once(steps);
      }
      long[] cpu = new long[runs];
      for (int i = 0; i < runs; i++) {
        long start = threads.getCurrentThreadCpuTime();
        once(steps);
        cpu[i] = threads.getCurrentThreadCpuTime() - start;
      }
      Arrays.sort(cpu);
      double perRun = cpu[runs / 2] / 1e6;
      System.out.printf("compile %d steps: %.4f ms/step (%.2f ms/run, median of %d)%n", size, perRun / size, perRun, runs);
    }
  }

  private static int once(List<Step> steps) {
    var graph = Migration.named("bench").parameter(Parameter.string("secretArn")).steps(steps).build();
    try {
      return Compiler.compile(graph).sizeBytes();
    } catch (MigrationValidationException tooLarge) {
      return -tooLarge.getMessage().length();
    }
  }
}
