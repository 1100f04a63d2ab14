package dev.ferry.testing.aws;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one moto server for the whole test run (started on first use, stopped by its
 * pid when the run ends), reset before every test so each starts with an empty account, and
 * injected as a {@link MotoServer} parameter. Without python3 or moto the tests are skipped with
 * the reason, or fail when {@code -Dferry.moto.required=true} (as {@code ./build test} sets).
 */
public final class Moto implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  public static final String REQUIRED = "ferry.moto.required";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Moto.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static MotoServer server(ExtensionContext context) {
    Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
    if (shared.unavailable.isPresent()) {
      if (Boolean.getBoolean(REQUIRED)) {
        Assertions.fail(REQUIRED + "=true but " + shared.unavailable.get());
      }
      Assumptions.abort("the AWS emulator cannot run: " + shared.unavailable.get()
          + "; these tests run where python3 has moto 5 (CI has it)");
    }
    return shared.server;
  }

  /** Closed by JUnit when the root context (the whole run) ends. */
  private static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final Optional<String> unavailable = MotoServer.unavailable();
    final MotoServer server = unavailable.isEmpty() ? MotoServer.start() : null;

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
