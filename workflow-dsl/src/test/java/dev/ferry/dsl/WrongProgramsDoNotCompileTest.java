package dev.ferry.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes the DSL's types refuse: each snippet is compiled in-process against the DSL, and javac's
 * error names what is wrong. A modifier on a step kind that does not have it, an action on an
 * approval, a call of a function nobody declared and a value a result field never holds do not
 * compile at all.
 */
class WrongProgramsDoNotCompileTest {

  static Stream<Arguments> snippets() {
    return Stream.of(
        wrong("withoutBackup on a verify", "Step.verify(\"check\").withoutBackup(\"additive\")",
            "cannot find symbol", "withoutBackup", "VerifyStep"),
        wrong("resumes on a backup", "Step.backup(\"take\").resumes(Step.pause(\"p\"))",
            "method resumes in class dev.ferry.dsl.Step cannot be applied to given types", "found:    dev.ferry.dsl.PauseStep"),
        wrong("a resume of a step that is not a pause", "Step.resume(\"r\").resumes(Step.backup(\"take\"))",
            "BackupStep cannot be converted to dev.ferry.dsl.PauseStep"),
        wrong("compensating its own failure without a compensation", "Step.upgrade(\"apply\").compensateOwnFailure()",
            "cannot find symbol", "compensateOwnFailure", "UpgradeStep"),
        wrong("a compensation's compensation", "Step.rollback(\"undo\").compensatedBy(Step.rollback(\"undo-undo\"))",
            "cannot find symbol", "compensatedBy", "RollbackStep"),
        wrong("a pause compensated by something other than a resume",
            "Step.pause(\"p\").compensatedBy(Step.rollback(\"undo\"))", "no suitable method found for compensatedBy"),
        wrong("an action on an approval",
            "Step.approval(\"approve\", \"Go?\").invoke(FerryTasks.httpCheck().url(\"http://svc\"))",
            "cannot find symbol", "invoke", "ApprovalStep"),
        wrong("irreversible on a verify", "Step.verify(\"check\").irreversible()",
            "cannot find symbol", "irreversible", "VerifyStep"),
        wrong("a function called by a bare name", "Lambda.function(\"ExecuteDBMigration\")",
            "cannot find symbol", "Lambda"),
        wrong("a user's function called before its results are declared",
            "LambdaFunction.named(\"ExecuteDBMigration\").call()", "cannot find symbol", "call()"),
        wrong("a misspelt shipped task", "FerryTasks.snapshotCreat()", "cannot find symbol", "snapshotCreat()"),
        wrong("a misspelt task input", "FerryTasks.snapshotCreate().dbInstanceIdentifer(\"orders\")",
            "cannot find symbol", "dbInstanceIdentifer"),
        wrong("a result field the task does not have", "Condition.isTrue(SnapshotStatus.DONE)",
            "cannot find symbol", "DONE"),
        wrong("a status compared with a string", "Condition.equals(SnapshotStatus.STATUS, \"availabel\")",
            "inference variable V has incompatible bounds", "SnapshotState"),
        wrong("a boolean test of a string field", "Condition.isTrue(SnapshotStatus.STATUS)",
            "incompatible types"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void isRefusedByJavac(String description, String expression, List<String> diagnostic) {
    List<String> errors = compile(expression);
    assertThat(errors).as("%s should not compile", description).isNotEmpty();
    assertThat(String.join("\n", errors)).as(description).contains(diagnostic);
  }

  @Test
  void theRightProgramsCompile() {
    assertThat(compile("Step.upgrade(\"apply\").invoke(FerryTasks.schemaMigrate().secretArn(\"arn\"))"
        + ".compensatedBy(Step.rollback(\"undo\").invoke(FerryTasks.httpCheck().url(\"u\")), UndoWhen.STARTED)"
        + ".withoutBackup(\"additive\").irreversible()")).isEmpty();
    assertThat(compile("Step.resume(\"r\").resumes(Step.pause(\"p\"))")).isEmpty();
    assertThat(compile("Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE)")).isEmpty();
    assertThat(compile("LambdaFunction.named(\"ExecuteDBMigration\").returns(ResultField.bool(\"ok\")).call()")).isEmpty();
  }

  private static Arguments wrong(String description, String expression, String... diagnostic) {
    return Arguments.of(description, expression, List.of(diagnostic));
  }

  /** javac's errors for a class whose one field is {@code expression}, as {@code line: message}. */
  private static List<String> compile(String expression) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assumeTrue(javac != null, "this runtime has no Java compiler (a JRE); run the tests on a JDK");
    String source = """
        import dev.ferry.dsl.*;
        import dev.ferry.dsl.tasks.*;
        class Snippet {
          Object value = %s;
        }
        """.formatted(expression);
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("-proc:none", "-d", System.getProperty("java.io.tmpdir") + "/ferry-snippets",
        "-classpath", System.getProperty("java.class.path"));
    javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }
}
