package dev.ferry.deploy.rehearse.world;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.engine.ErrorNamed;
import java.util.Objects;

/**
 * The local stand-in of a function the migration calls that Ferry does not ship: a handler written
 * in Java, made once per rehearsal. A handler fails the call by throwing: the error the machine sees
 * is the exception's simple class name, as the AWS Lambda runtime reports it, or the name of a
 * {@link Failure}.
 *
 * @param name the function's name, as the migration calls it
 * @param factory makes the handler, on the world's local pieces
 */
public record LocalFunction(String name, Factory factory) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public LocalFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
  }

  /** The call's payload in, the function's result out. */
  @FunctionalInterface
  public interface Handler {
    JsonNode handle(JsonNode payload) throws Exception;
  }

  /** Makes a handler on the world's local pieces (the embedded PostgreSQL, DynamoDB Local, ...). */
  @FunctionalInterface
  public interface Factory {
    Handler create(WorldContext world) throws Exception;
  }

  /** A typed handler: the payload read as {@code I}, the result written from {@code O}. */
  @FunctionalInterface
  public interface Typed<I, O> {
    O handle(I input, WorldContext world) throws Exception;
  }

  /** A function whose handler needs nothing from the world. */
  public static LocalFunction of(String name, Handler handler) {
    return new LocalFunction(name, world -> handler);
  }

  /**
   * A function whose payload is read as {@code inputType} (a record, fields by name; unknown fields
   * ignored) and whose result is written from what {@code handler} returns.
   */
  public static <I, O> LocalFunction of(String name, Class<I> inputType, Typed<I, O> handler) {
    return new LocalFunction(name, world -> payload -> JSON.valueToTree(handler.handle(JSON.treeToValue(payload, inputType), world)));
  }

  /** A failure with an error name of the function's choosing, e.g. {@code Acme.CheckFailed}. */
  public static final class Failure extends RuntimeException implements ErrorNamed {
    private final String errorName;

    public Failure(String errorName, String message) {
      super(message);
      this.errorName = Objects.requireNonNull(errorName, "errorName");
    }

    @Override
    public String errorName() {
      return errorName;
    }
  }
}
