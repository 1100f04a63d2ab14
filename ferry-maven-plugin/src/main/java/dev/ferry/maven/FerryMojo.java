package dev.ferry.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** A goal over the project's migrations, found on its runtime class path. */
abstract class FerryMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Where compiled machines and diagrams go. */
  @Parameter(property = "ferry.outputDirectory", defaultValue = "${project.build.directory}/ferry")
  File outputDirectory;

  @Parameter(property = "ferry.skip", defaultValue = "false")
  boolean skip;

  abstract void execute(ProjectMigrations migrations) throws MojoExecutionException, MojoFailureException;

  /** Where the project's migrations are: its runtime class path (a rehearsal adds its test classes). */
  List<String> classpathElements() throws DependencyResolutionRequiredException {
    return project.getRuntimeClasspathElements();
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("ferry: skipped (ferry.skip)");
      return;
    }
    List<Path> classpath;
    try {
      classpath = classpathElements().stream().map(Path::of).toList();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the project's runtime class path is not resolved: " + e.getMessage(), e);
    }
    try (ProjectMigrations migrations = ProjectMigrations.load(classpath)) {
      if (migrations.migrations().isEmpty() && migrations.loadProblems().isEmpty()) {
        throw new MojoFailureException("ferry: no migration on the runtime class path of " + project.getArtifactId()
            + "; implement dev.ferry.dsl.MigrationDefinition and list the class in"
            + " src/main/resources/META-INF/services/dev.ferry.dsl.MigrationDefinition");
      }
      execute(migrations);
    }
  }

  /** Fails the build with every problem, one a line. */
  static MojoFailureException failure(String what, List<String> problems) {
    return new MojoFailureException("ferry: " + what + " (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "):\n" + String.join("\n", problems));
  }
}
