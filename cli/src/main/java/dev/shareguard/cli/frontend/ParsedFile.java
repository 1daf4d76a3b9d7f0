package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.CompilationUnit;

/** A parsed compilation unit and the path its findings should show. */
public record ParsedFile(String path, CompilationUnit unit) {}
