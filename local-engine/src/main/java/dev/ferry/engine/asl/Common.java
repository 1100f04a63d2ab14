package dev.ferry.engine.asl;

import dev.ferry.engine.data.PathExpr;
import dev.ferry.engine.data.Template;
import java.util.List;

/**
 * Fields states share. InputPath and OutputPath (paths, context paths or variables) and ResultPath are null when the definition sets them to JSON null (discard); absent
 * paths default to {@code $}. Templates are null when absent. {@code next} is null for end states.
 */
public record Common(
    String name,
    String type,
    boolean jsonata,
    String next,
    Template inputPath,
    Template outputPath,
    PathExpr resultPath,
    Template parameters,
    Template resultSelector,
    Template arguments,
    Template output,
    Template assign,
    List<Retrier> retry,
    List<Catcher> catchers) {}
