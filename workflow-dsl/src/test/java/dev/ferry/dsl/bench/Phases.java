package dev.ferry.dsl.bench;

public class Phases {
  public static void main(String[] args) {
    for (int n : new int[] {1000, 3000, 10000, 1000, 3000, 10000}) {
      var steps = CompileBenchmark.steps(n);
      long t0 = System.nanoTime();
      var graph = dev.ferry.dsl.Migration.named("bench").parameter(dev.ferry.dsl.Parameter.string("secretArn")).steps(steps).assemble();
      long t1 = System.nanoTime();
      dev.ferry.dsl.validate.MigrationValidator.validate(graph);
      long t2 = System.nanoTime();
      var m = dev.ferry.dsl.compile.Compiler.lower(graph, dev.ferry.dsl.compile.CompileOptions.defaults());
      long t3 = System.nanoTime();
      String json = dev.ferry.asl.AslJson.writeString(m);
      long t4 = System.nanoTime();
      System.out.printf("%d assemble %d validate %d lower %d json %d ms (%d bytes)%n", n, (t1-t0)/1000000, (t2-t1)/1000000, (t3-t2)/1000000, (t4-t3)/1000000, json.length());
    }
  }
}
