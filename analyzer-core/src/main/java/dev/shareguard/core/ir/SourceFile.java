package dev.shareguard.core.ir;

import java.util.List;

/**
 * One compilation unit. {@code path} is the file path as findings should show it (relative to the
 * audited root for the CLI; as javac names it for the plugin). {@code classes} lists every class
 * declared in the file, nested, local and anonymous ones included, in textual order.
 */
public record SourceFile(String path, String packageName, List<ClassDecl> classes) {
  public SourceFile {
    classes = List.copyOf(classes);
  }
}
