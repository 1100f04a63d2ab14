package dev.ferry.maven;

import dev.ferry.dsl.MigrationValidationException;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Writes {@code <name>.asl.json} and {@code <name>.mmd} of each of the project's migrations into target/ferry. */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class CompileMojo extends FerryMojo {

  @Override
  void execute(ProjectMigrations migrations) throws MojoExecutionException, MojoFailureException {
    if (!migrations.loadProblems().isEmpty()) {
      throw failure("migrations that do not load", migrations.loadProblems());
    }
    try {
      migrations.compileInto(outputDirectory.toPath()).forEach(getLog()::info);
      migrations.warnings().forEach(w -> getLog().warn("ferry: " + w));
    } catch (MigrationValidationException e) {
      throw new MojoFailureException("ferry: " + e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("ferry: cannot write into " + outputDirectory + ": " + e.getMessage(), e);
    }
  }
}
