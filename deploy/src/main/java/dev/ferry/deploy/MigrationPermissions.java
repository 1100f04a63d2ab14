package dev.ferry.deploy;

import java.util.List;

/**
 * Everything one migration is allowed to do on AWS: its state machine role's policy, its task
 * functions' policy, and the permissions of both that could not be narrowed, each listed once.
 * {@code ferry plan}, {@code ferry deploy} and the exported template all read this one derivation.
 */
public record MigrationPermissions(DerivedPolicy machine, DerivedPolicy tasks, List<Wildcard> wildcards) {

  public MigrationPermissions {
    wildcards = List.copyOf(wildcards);
  }

  public static MigrationPermissions derive(
      CompiledMachine compiled, List<FunctionSpec> functions, TableNames tables, ArnContext arns) {
    DerivedPolicy machine = PolicyDeriver.derive(compiled, arns);
    DerivedPolicy tasks = TaskRolePolicy.derive(compiled, functions, tables, arns);
    return new MigrationPermissions(machine, tasks, Wildcard.merge(machine.wildcards(), tasks.wildcards()));
  }

  /** The lines plan and deploy print under their heading. */
  public List<String> wildcardLines() {
    return wildcards.stream().map(w -> "  " + w.describe()).toList();
  }
}
