package dev.ferry.maven;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when a migration does not load, breaks a safety rule (the message names the rule
 * and the step at fault) or compiles into ASL that AWS would refuse.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class CheckMojo extends FerryMojo {

  @Override
  void execute(ProjectMigrations migrations) throws MojoFailureException {
    List<String> problems = migrations.check();
    if (!problems.isEmpty()) {
      throw failure("migrations that fail their checks", problems);
    }
    migrations.warnings().forEach(w -> getLog().warn("ferry: " + w));
    int n = migrations.migrations().size();
    getLog().info("ferry: " + n + (n == 1 ? " migration passes" : " migrations pass") + " the safety rules and AWS's checks: "
        + String.join(", ", migrations.migrations().stream().map(m -> m.name()).toList()));
  }
}
