package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.aws.AwsClients;
import dev.ferry.deploy.aws.AwsFailures;
import dev.ferry.deploy.aws.AwsSettings;
import dev.ferry.deploy.aws.AwsTarget;
import dev.ferry.deploy.local.LocalTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A command that operates a target. Turns Ferry's and the SDK's failures into one message that
 * says what is wrong and what to do, and a non-zero exit code.
 */
abstract class TargetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin AwsOptions aws;

  @Mixin LocalOptions local;

  /** Tests pass settings with a stub endpoint and request capture. */
  AwsSettings settingsOverride;

  abstract int run(MigrationTarget target, PrintWriter out);

  /** Checks the command's own input before any AWS client is built; a failure changes nothing. */
  void validate() {}

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      validate();
    } catch (FerryException e) {
      return fail(e.getMessage(), e.hint(), e.exitCode());
    }
    try (MigrationTarget target = openTarget()) {
      return run(target, out);
    } catch (FerryException e) {
      return fail(e.getMessage(), e.hint(), e.exitCode());
    } catch (SdkException e) {
      FerryException explained = AwsFailures.explain(e);
      return fail(explained.getMessage(), explained.hint(), explained.exitCode());
    }
  }

  int fail(String message, String hint, int exitCode) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ferry " + spec.name() + ": " + message);
    err.println("  " + hint);
    err.flush();
    return exitCode;
  }

  /** The AWS target, or with {@code --local} the local target on its state folder. */
  MigrationTarget openTarget() {
    if (local.local) {
      return LocalTarget.open(local.settings().withTables(aws.tables()));
    }
    return new AwsTarget(new AwsClients(settingsOverride != null ? settingsOverride : aws.settings()), aws.tables());
  }

  /** Who performs an operator action: the given name, or the caller's identity on the target. */
  static String who(String by, MigrationTarget target) {
    return by != null ? by : target.caller();
  }
}
