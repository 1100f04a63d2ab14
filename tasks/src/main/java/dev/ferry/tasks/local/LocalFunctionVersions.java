package dev.ferry.tasks.local;

import Ferry.FunctionNotFound;
import dev.ferry.tasks.lambdaversion.FunctionVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda versions for a local rehearsal, where the upgraded functions do not run in Lambda: a registry
 * of each function's published versions (with the code location and the publishing execution) and
 * aliases, following the same publish / point / roll back sequence and the same repeat rules as the
 * AWS adapter.
 */
public final class LocalFunctionVersions implements FunctionVersions {

  private record Version(String number, String codeLocation, String executionName, String previous) {}

  private static final class Function {
    final List<Version> versions = new ArrayList<>();
    final Map<String, String> aliases = new LinkedHashMap<>();
  }

  private final Map<String, Function> functions = new ConcurrentHashMap<>();

  /** Registers a function whose {@code alias} points at version 1. */
  public void register(String functionName, String alias, String codeLocation) {
    Function f = new Function();
    f.versions.add(new Version("1", codeLocation, "", ""));
    f.aliases.put(alias, "1");
    functions.put(functionName, f);
  }

  /** The code ({@code s3://bucket/key}) of the version the alias points at. */
  public synchronized String aliasCode(String functionName, String alias) {
    Function f = function(functionName);
    String version = alias(f, functionName, alias);
    return f.versions.stream().filter(v -> v.number().equals(version)).findFirst().orElseThrow().codeLocation();
  }

  /** The version the alias points at. */
  public synchronized String aliasVersion(String functionName, String alias) {
    return alias(function(functionName), functionName, alias);
  }

  @Override
  public synchronized Published publish(String functionName, String alias, String bucket, String key, String executionName) {
    Function f = function(functionName);
    String current = alias(f, functionName, alias);
    String code = "s3://" + bucket + "/" + key;
    // One execution may publish several versions (one per hop): each is found again by its code.
    Version ours = f.versions.stream().filter(v -> v.executionName().equals(executionName) && v.codeLocation().equals(code))
        .findFirst().orElse(null);
    if (ours == null) {
      ours = new Version(Integer.toString(f.versions.size() + 1), code, executionName, current);
      f.versions.add(ours);
    }
    f.aliases.put(alias, ours.number());
    return new Published(ours.previous(), ours.number());
  }

  @Override
  public synchronized void pointAlias(String functionName, String alias, String version) {
    Function f = function(functionName);
    alias(f, functionName, alias);
    if (f.versions.stream().noneMatch(v -> v.number().equals(version))) {
      throw new FunctionNotFound("function " + functionName + " has no version " + version);
    }
    f.aliases.put(alias, version);
  }

  private Function function(String name) {
    Function f = functions.get(name);
    if (f == null) {
      throw new FunctionNotFound("function " + name + " is not registered locally; known: " + functions.keySet());
    }
    return f;
  }

  private static String alias(Function f, String functionName, String alias) {
    String version = f.aliases.get(alias);
    if (version == null) {
      throw new FunctionNotFound("function " + functionName + " has no alias " + alias);
    }
    return version;
  }
}
