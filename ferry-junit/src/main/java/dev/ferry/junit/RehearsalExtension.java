package dev.ferry.junit;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.MigrationSource;
import dev.ferry.deploy.rehearse.FaultKind;
import dev.ferry.deploy.rehearse.Rehearsal;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.AssertionFailedError;

/**
 * Runs {@link RehearsalTest}: the rehearsal goes once, at the first invocation (its runs in
 * parallel), and each invocation reports one run, named {@code <step> x <fault>}.
 */
public final class RehearsalExtension implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RehearsalExtension.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(RehearsalTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    RehearsalTest settings = method.getAnnotation(RehearsalTest.class);
    Rehearsal.Plan plan = plan(settings, context.getRequiredTestClass().getClassLoader());
    List<String> names = new ArrayList<>(List.of("fault-free"));
    plan.matrix().forEach(f -> names.add(f.step().id() + " x " + f.fault().cliName()));
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    return IntStream.range(0, names.size()).mapToObj(i -> new RunInvocation(names.get(i), i, () ->
        store.getOrComputeIfAbsent(method.toGenericString(), k -> rehearse(settings.value(), plan), Rehearsal.Report.class)));
  }

  private static Rehearsal.Plan plan(RehearsalTest settings, ClassLoader loader) {
    try {
      Rehearsal.Plan plan = new MigrationSource(loader).rehearsal(settings.value()).withFaults(FaultKind.parse(settings.faults()));
      if (settings.steps().length > 0) {
        plan = plan.atSteps(List.of(settings.steps()));
      }
      return settings.parallel() > 0 ? plan.withParallelism(settings.parallel()) : plan;
    } catch (FerryException e) {
      throw new ExtensionConfigurationException("@RehearsalTest(\"" + settings.value() + "\"): " + e.getMessage() + "; " + e.hint(), e);
    }
  }

  private static Rehearsal.Report rehearse(String migration, Rehearsal.Plan plan) {
    try {
      return Rehearsal.run(plan, run -> { });
    } catch (Exception e) {
      throw new ExtensionConfigurationException("the rehearsal of " + migration + " could not run: " + e, e);
    }
  }

  /** The report, computed on first use. */
  private interface Lazy {
    Rehearsal.Report get();
  }

  private record RunInvocation(String name, int index, Lazy report) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return name;
    }

    @Override
    public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
      return List.of(new RunOfReport(this));
    }

    Rehearsal.Run run() {
      return report.get().runs().get(index);
    }
  }

  /** Fails the invocation when its run failed a check; hands the run to the method. */
  private record RunOfReport(RunInvocation invocation) implements InvocationInterceptor, ParameterResolver {
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> call, ReflectiveInvocationContext<Method> context,
        ExtensionContext extensionContext) throws Throwable {
      Rehearsal.Run run = invocation.run();
      if (!run.passed()) {
        call.skip();
        throw new AssertionFailedError(invocation.name() + " (" + run.outcome() + "): " + run.checks().stream()
            .filter(c -> !c.ok()).map(c -> c.name() + " FAILED (" + c.detail() + ")").collect(Collectors.joining(", ")));
      }
      call.proceed();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Rehearsal.Run.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return invocation.run();
    }
  }
}
