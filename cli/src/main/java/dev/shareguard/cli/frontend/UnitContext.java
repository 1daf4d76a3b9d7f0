package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a compilation unit brings into scope: its package, its top-level types and its imports.
 * Resolves simple type names the way JLS 6.4.1 orders them at the file level: types of the file,
 * single-type imports, the package, then on-demand imports and {@code java.lang}; last, the one
 * on-demand package outside the project and the JDK, if there is exactly one.
 */
final class UnitContext {
  final String path;
  final String packageName;
  final SourceMap source;
  final Map<String, ProjectClass> topLevel = new LinkedHashMap<>();
  private final Map<String, String> singleTypeImports = new HashMap<>();
  private final List<String> onDemand = new ArrayList<>();
  private final Map<String, List<String>> staticSingle = new HashMap<>();
  private final List<String> staticOnDemand = new ArrayList<>();

  UnitContext(String path, CompilationUnit cu, SourceMap source) {
    this.path = path;
    this.source = source;
    this.packageName = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    for (ImportDeclaration imp : cu.getImports()) {
      String name = imp.getNameAsString();
      if (imp.isStatic()) {
        if (imp.isAsterisk()) {
          staticOnDemand.add(name);
        } else {
          int dot = name.lastIndexOf('.');
          if (dot > 0) {
            staticSingle
                .computeIfAbsent(name.substring(dot + 1), k -> new ArrayList<>())
                .add(name.substring(0, dot));
          }
        }
      } else if (imp.isAsterisk()) {
        onDemand.add(name);
      } else {
        int dot = name.lastIndexOf('.');
        singleTypeImports.putIfAbsent(name.substring(dot + 1), name);
      }
    }
  }

  /** {@code simpleName} qualified with this file's package. */
  String qualify(String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  /** Classes whose static member {@code name} is imported by a single static import. */
  List<String> staticImportOwners(String name) {
    return staticSingle.getOrDefault(name, List.of());
  }

  /** Classes whose static members are all imported. */
  List<String> staticOnDemandOwners() {
    return staticOnDemand;
  }

  /** The file-level meaning of simple type name {@code name}, or null. */
  String resolveTypeName(String name, TypeSystem ts) {
    ProjectClass own = topLevel.get(name);
    if (own != null) {
      return own.name();
    }
    String single = singleTypeImports.get(name);
    if (single != null) {
      return single;
    }
    for (String owner : staticSingle.getOrDefault(name, List.of())) {
      String m = ts.findMemberType(TypeRef.of(owner), name);
      if (m != null) {
        return m;
      }
    }
    String samePackage = qualify(name);
    if (ts.nameableModel(samePackage) != null) {
      return samePackage;
    }
    for (String p : onDemand) {
      String q = p + "." + name;
      if (ts.nameableModel(q) != null) {
        return q;
      }
      if (ts.nameableModel(p) != null) {
        String m = ts.findMemberType(TypeRef.of(p), name);
        if (m != null) {
          return m;
        }
      }
    }
    String lang = "java.lang." + name;
    if (ts.nameableModel(lang) != null) {
      return lang;
    }
    for (String owner : staticOnDemand) {
      String m = ts.findMemberType(TypeRef.of(owner), name);
      if (m != null) {
        return m;
      }
    }
    return outsidePackage(name, ts);
  }

  /**
   * A name no file, import or package the audit sees declares, when exactly one on-demand import
   * names a package neither the project nor the JDK has: only that package, which javac finds on
   * the classpath the CLI does not read, can declare it. With two or more such packages the name
   * stays unresolved (either could hold it).
   */
  private String outsidePackage(String name, TypeSystem ts) {
    String only = null;
    for (String p : onDemand) {
      if (!ts.isKnownPackage(p) && ts.nameableModel(p) == null) {
        if (only != null) {
          return null;
        }
        only = p;
      }
    }
    return only == null ? null : only + "." + name;
  }
}
