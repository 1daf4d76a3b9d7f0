package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.CompilationUnit;

/**
 * A parsed compilation unit, the path its findings should show and its source text (positions in
 * the tree index into it).
 *
 * <p>When {@code bodiesDeferred}, {@code unit} is the tree of the file's {@link Skeleton#blanked
 * blanked skeleton}: its declarations sit where they sit in {@code source}, and its method,
 * constructor and initializer bodies are empty until the front end lowers the file, when it parses
 * {@code source} again and moves the bodies in. Holding such trees instead of whole ones is how a
 * large tree is audited within a bounded heap.
 */
public record ParsedFile(String path, CompilationUnit unit, String source, boolean bodiesDeferred) {
  /** A file parsed whole. */
  public ParsedFile(String path, CompilationUnit unit, String source) {
    this(path, unit, source, false);
  }
}
