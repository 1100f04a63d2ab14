package dev.ferry.maven;

import dev.ferry.dsl.MigrationValidationException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints each migration's plan: the steps in order, which run while writers are paused, what each
 * failure undoes, and the state transitions of the happy and worst failure paths.
 */
@Mojo(name = "plan", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class PlanMojo extends FerryMojo {

  @Override
  void execute(ProjectMigrations migrations) throws MojoFailureException {
    if (!migrations.loadProblems().isEmpty()) {
      throw failure("migrations that do not load", migrations.loadProblems());
    }
    try {
      migrations.plans().forEach(getLog()::info);
    } catch (MigrationValidationException e) {
      throw new MojoFailureException("ferry: " + e.getMessage());
    }
  }
}
