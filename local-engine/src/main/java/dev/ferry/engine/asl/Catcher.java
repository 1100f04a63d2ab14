package dev.ferry.engine.asl;

import dev.ferry.engine.data.PathExpr;
import dev.ferry.engine.data.Template;
import java.util.List;

/** One Catch entry. {@code resultPath} is null when set to JSON null. */
public record Catcher(List<String> errorEquals, String next, PathExpr resultPath, Template output, Template assign) {}
