package dev.ferry.tasks.writers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import java.util.List;

/** {@code ferry-writers-resume}: puts back exactly the state the pause step recorded. */
public final class ResumeWritersHandler
    extends FerryHandler<ResumeWritersHandler.Input, ResumeWritersHandler.Output> {

  public record Input(List<PausedWriter> paused) {}

  public record Output(List<String> resumed) {}

  private final Writers writers;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public ResumeWritersHandler() {
    this(AwsAdapters.writers());
  }

  public ResumeWritersHandler(Writers writers) {
    this.writers = writers;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    List<PausedWriter> paused = Fields.present(input.paused(), "paused");
    for (PausedWriter writer : paused) {
      writers.resume(writer);
    }
    return new Output(paused.stream().map(PausedWriter::name).toList());
  }
}
