package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.CompilationUnit;

/**
 * A parsed compilation unit, the path its findings should show and its source text (positions in
 * the tree index into it).
 */
public record ParsedFile(String path, CompilationUnit unit, String source) {}
