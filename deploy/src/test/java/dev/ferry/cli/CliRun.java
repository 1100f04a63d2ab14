package dev.ferry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code ferry} invocation in-process, with its exit code and captured output. */
record CliRun(int exitCode, String out, String err) {

  /** Runs the command line {@link Ferry#main} builds for these arguments. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine(args.length > 0 ? args[0] : null);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
