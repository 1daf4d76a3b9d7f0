package dev.shareguard.errorprone;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Paths;

/**
 * The javac front end: lowers an attributed compilation unit (as Error Prone hands it to a
 * compilation-unit matcher) into the Shareguard IR, following the conventions of {@code
 * dev.shareguard.core.ir}. The JavaParser front end of the CLI must produce the same IR for the
 * same source.
 */
public final class JavacLowering {
  private JavacLowering() {}

  /** Lowers {@code unit}, naming the file by {@link #pathOf(CompilationUnitTree)}. */
  public static SourceFile lower(CompilationUnitTree unit, Context context) {
    return lower(unit, context, pathOf(unit));
  }

  /**
   * Lowers {@code unit}, which javac must have attributed, naming the file {@code path} in the IR.
   *
   * @param context the compilation's context (Error Prone's {@code VisitorState.context})
   */
  public static SourceFile lower(CompilationUnitTree unit, Context context, String path) {
    JCCompilationUnit cu = (JCCompilationUnit) unit;
    CharSequence source;
    try {
      source = cu.getSourceFile().getCharContent(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new UnitLowering(cu, Types.instance(context), source, path).lower();
  }

  /**
   * The file's path as javac knows it: the absolute file system path for files on disk, otherwise
   * the path part of the file object's URI.
   */
  public static String pathOf(CompilationUnitTree unit) {
    URI uri = unit.getSourceFile().toUri();
    if ("file".equals(uri.getScheme())) {
      try {
        return Paths.get(uri).toString();
      } catch (RuntimeException e) {
        return uri.getPath();
      }
    }
    String path = uri.getPath();
    return path == null ? uri.toString() : path;
  }
}
