package dev.ferry.tasks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;

/**
 * Base of every Ferry handler: a typed {@link RequestHandler} whose payload is read and whose result is
 * written by Ferry's own mapper ({@link Json#mapper()}), on AWS as locally.
 *
 * <p>The Lambda runtime, given a handler string without a method ({@code package.Class}), uses the
 * {@link RequestStreamHandler} side, so the payload never goes through the runtime's own serializer
 * (a shaded Jackson that ignores Ferry's annotations, such as the {@code type} tag of a paused
 * writer). {@link TaskFunction#handler()} gives that string. An exception thrown here reaches the
 * runtime unchanged, which reports its class name ({@code Ferry.<Name>}) as the error type.
 */
public abstract class FerryHandler<I, O> implements RequestHandler<I, O>, RequestStreamHandler {

  private final Class<I> inputType;

  @SuppressWarnings("unchecked")
  protected FerryHandler() {
    var type = (ParameterizedType) getClass().getGenericSuperclass();
    this.inputType = (Class<I>) type.getActualTypeArguments()[0];
  }

  public final Class<I> inputType() {
    return inputType;
  }

  @Override
  public final void handleRequest(InputStream payload, OutputStream result, Context context) throws IOException {
    I input;
    try {
      input = Json.mapper().readValue(payload, inputType);
    } catch (IOException e) {
      throw new Ferry.InvalidInput("payload: cannot be read as " + inputType.getSimpleName() + ": "
          + e.getMessage(), e);
    }
    Json.mapper().writeValue(result, handleRequest(input, context));
  }
}
