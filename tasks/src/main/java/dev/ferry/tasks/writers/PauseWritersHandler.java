package dev.ferry.tasks.writers;

import Ferry.InvalidInput;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ferry-writers-pause}: stops every writer and returns what each looked like before; when one
 * cannot be paused, resumes those it paused before failing, so a failed pause leaves nothing paused.
 */
public final class PauseWritersHandler
    extends FerryHandler<PauseWritersHandler.Input, PauseWritersHandler.Output> {

  public record Input(List<WriterSpec> writers) {}

  public record Output(List<PausedWriter> paused) {}

  private static final Set<String> TYPES = Set.of("lambda", "ecs", "local");

  private final Writers writers;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public PauseWritersHandler() {
    this(AwsAdapters.writers());
  }

  public PauseWritersHandler(Writers writers) {
    this.writers = writers;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    List<WriterSpec> specs = Fields.nonEmpty(input.writers(), "writers");
    for (int i = 0; i < specs.size(); i++) {
      WriterSpec spec = specs.get(i);
      String at = "writers[" + i + "]";
      if (!TYPES.contains(spec.type())) {
        throw new InvalidInput(at + ".type: '" + spec.type() + "' is not one of lambda, ecs, local");
      }
      Fields.text(spec.name(), at + ".name");
      if (spec.type().equals("ecs")) {
        Fields.text(spec.cluster(), at + ".cluster");
      }
    }
    List<PausedWriter> paused = new ArrayList<>();
    try {
      for (WriterSpec spec : specs) {
        paused.add(writers.pause(spec));
      }
    } catch (RuntimeException e) {
      // The step fails, so nothing compensates it: leave no writer paused, newest first.
      for (int i = paused.size() - 1; i >= 0; i--) {
        try {
          writers.resume(paused.get(i));
        } catch (RuntimeException resumeFailed) {
          e.addSuppressed(resumeFailed);
        }
      }
      throw e;
    }
    return new Output(paused);
  }
}
