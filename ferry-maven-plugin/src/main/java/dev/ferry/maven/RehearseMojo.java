package dev.ferry.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rehearses each of the project's migrations that declares a rehearsal world on its test class
 * path, on Ferry's local target: fault-free, then every fault at every step, each run checked.
 * Fails the build naming the runs whose checks failed. Run it with {@code mvn test-compile ferry:rehearse}.
 */
@Mojo(name = "rehearse", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class RehearseMojo extends FerryMojo {

  @Override
  void execute(ProjectMigrations migrations) throws MojoExecutionException, MojoFailureException {
    if (!migrations.loadProblems().isEmpty()) {
      throw failure("migrations that do not load", migrations.loadProblems());
    }
    List<String> failures = new ArrayList<>();
    try {
      migrations.rehearse(failures).forEach(getLog()::info);
    } catch (Exception e) {
      throw new MojoExecutionException("ferry: the rehearsal could not run: " + e.getMessage(), e);
    }
    if (!failures.isEmpty()) {
      throw failure("rehearsal runs that failed their checks", failures);
    }
  }

  @Override
  List<String> classpathElements() throws org.apache.maven.artifact.DependencyResolutionRequiredException {
    return project.getTestClasspathElements();
  }
}
