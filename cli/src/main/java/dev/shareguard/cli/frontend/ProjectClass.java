package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.TypeParameter;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A class of the audited sources, built from its JavaParser declaration in three steps: the
 * skeleton (id, kind, member types; no resolution), linking (type parameters and supertypes,
 * resolved in the scope the class is declared in) and members (field and method signatures,
 * resolved in its body). The project index runs the steps for all named classes before any file is
 * lowered, so lowering threads only read; local and anonymous classes take the steps on the thread
 * lowering their file.
 */
final class ProjectClass extends ClassModel {
  private enum State {
    NEW,
    LINKING,
    LINKED,
    RESOLVED
  }

  private final String id;
  private final String simpleName;
  private final ClassDecl.Kind kind;
  private final Node node;
  private final List<BodyDeclaration<?>> members;
  private final ProjectClass enclosing;
  private final UnitContext unit;
  private final Set<Modifier> modifiers;
  private final TypeResolver resolver;
  private final List<String> typeParamNames;
  private final Map<String, ProjectClass> memberTypes = new LinkedHashMap<>();
  private final TypeRef anonymousBase;
  private Scope declaredIn;
  private Scope body;
  private State state = State.NEW;

  private List<TypeParam> typeParams = List.of();
  private TypeRef declaredSuperclass;
  private List<TypeRef> declaredInterfaces = List.of();
  private TypeRef lookupSuperclass;
  private List<TypeRef> lookupInterfaces = List.of();

  private final Map<String, FieldModel> fields = new HashMap<>();
  private final Map<String, List<MethodModel>> methods = new HashMap<>();
  private final List<MethodModel> allMethods = new ArrayList<>();
  private final List<MethodModel> constructors = new ArrayList<>();
  private final Map<Node, MethodModel> methodByNode = new IdentityHashMap<>();
  private final Map<Node, FieldModel> fieldByNode = new IdentityHashMap<>();

  /** Members that are private (never inherited) or package-private, by identity. */
  private final Map<Object, Modifier> restricted = new IdentityHashMap<>();

  private ProjectClass(
      String id,
      String simpleName,
      ClassDecl.Kind kind,
      Node node,
      List<BodyDeclaration<?>> members,
      ProjectClass enclosing,
      UnitContext unit,
      Set<Modifier> modifiers,
      TypeResolver resolver,
      List<String> typeParamNames,
      TypeRef anonymousBase,
      Map<Node, String> ids) {
    this.id = id;
    this.simpleName = simpleName;
    this.kind = kind;
    this.node = node;
    this.members = members;
    this.enclosing = enclosing;
    this.unit = unit;
    this.modifiers = modifiers;
    this.resolver = resolver;
    this.typeParamNames = typeParamNames;
    this.anonymousBase = anonymousBase;
    for (BodyDeclaration<?> m : members) {
      if (m instanceof TypeDeclaration<?> td) {
        String memberId = ids.getOrDefault(td, id + "." + td.getNameAsString());
        memberTypes.put(td.getNameAsString(), declared(td, memberId, this, unit, resolver, ids));
      }
    }
  }

  /** The skeleton of a named, member or local class declaration and of its member types. */
  static ProjectClass declared(
      TypeDeclaration<?> td,
      String id,
      ProjectClass enclosing,
      UnitContext unit,
      TypeResolver resolver,
      Map<Node, String> ids) {
    ClassDecl.Kind kind;
    List<String> tps = new ArrayList<>();
    if (td instanceof ClassOrInterfaceDeclaration c) {
      boolean local = c.isLocalClassDeclaration();
      kind =
          c.isInterface()
              ? ClassDecl.Kind.INTERFACE
              : local ? ClassDecl.Kind.LOCAL : ClassDecl.Kind.CLASS;
      c.getTypeParameters().forEach(p -> tps.add(p.getNameAsString()));
    } else if (td instanceof EnumDeclaration) {
      kind = ClassDecl.Kind.ENUM;
    } else if (td instanceof RecordDeclaration r) {
      kind = ClassDecl.Kind.RECORD;
      r.getTypeParameters().forEach(p -> tps.add(p.getNameAsString()));
    } else {
      kind = ClassDecl.Kind.ANNOTATION;
    }
    boolean nested = enclosing != null || isLocal(td);
    return new ProjectClass(
        id,
        td.getNameAsString(),
        kind,
        td,
        new ArrayList<>(td.getMembers()),
        enclosing,
        unit,
        Modifiers.ofType(td, nested),
        resolver,
        List.copyOf(tps),
        null,
        ids);
  }

  /** The skeleton of an anonymous class: {@code new base(...) { members }} or an enum body. */
  static ProjectClass anonymous(
      Node node,
      String id,
      List<BodyDeclaration<?>> members,
      TypeRef base,
      ProjectClass enclosing,
      UnitContext unit,
      TypeResolver resolver,
      Map<Node, String> ids) {
    return new ProjectClass(
        id,
        "",
        ClassDecl.Kind.ANONYMOUS,
        node,
        members,
        enclosing,
        unit,
        Set.of(),
        resolver,
        List.of(),
        base,
        ids);
  }

  private static boolean isLocal(TypeDeclaration<?> td) {
    return (td instanceof ClassOrInterfaceDeclaration c && c.isLocalClassDeclaration())
        || (td instanceof RecordDeclaration r && r.isLocalRecordDeclaration());
  }

  /** Sets where the class is declared: the file, its enclosing class body, or a block. */
  void declaredIn(Scope scope) {
    this.declaredIn = scope;
    this.body = scope.classBody(this);
    for (ProjectClass m : memberTypes.values()) {
      m.declaredIn(body);
    }
  }

  /** For an anonymous class, the type written after {@code new}; null otherwise. */
  TypeRef anonymousBase() {
    return anonymousBase;
  }

  Scope bodyScope() {
    return body;
  }

  Node node() {
    return node;
  }

  List<BodyDeclaration<?>> members() {
    return members;
  }

  ProjectClass enclosing() {
    return enclosing;
  }

  ClassDecl.Kind kind() {
    return kind;
  }

  String simpleName() {
    return simpleName;
  }

  Set<Modifier> modifiers() {
    return modifiers;
  }

  UnitContext unit() {
    return unit;
  }

  Map<String, ProjectClass> memberTypes() {
    return memberTypes;
  }

  List<String> typeParamNames() {
    return typeParamNames;
  }

  /** Superclass as written ({@code extends}); null without one. */
  TypeRef declaredSuperclass() {
    link();
    return declaredSuperclass;
  }

  /** Interfaces as written ({@code implements}, or {@code extends} of an interface). */
  List<TypeRef> declaredInterfaces() {
    link();
    return declaredInterfaces;
  }

  MethodModel methodFor(Node declaration) {
    return methodByNode.get(declaration);
  }

  FieldModel fieldFor(Node declaration) {
    return fieldByNode.get(declaration);
  }

  // ---------------------------------------------------------------- linking

  /** Resolves type parameters and supertypes; re-entry during a cycle sees what is done so far. */
  void link() {
    if (state != State.NEW) {
      return;
    }
    state = State.LINKING;
    Scope header = declaredIn.classHeader(this);
    typeParams = typeParams(typeParameters(), header);
    TypeRef objectType = TypeSystem.OBJECT_TYPE;
    if (node instanceof ClassOrInterfaceDeclaration c) {
      if (c.isInterface()) {
        declaredInterfaces = resolveAll(c.getExtendedTypes(), header);
      } else {
        declaredSuperclass =
            c.getExtendedTypes().isEmpty()
                ? null
                : resolver.resolve(c.getExtendedTypes().get(0), header);
        declaredInterfaces = resolveAll(c.getImplementedTypes(), header);
      }
      lookupSuperclass = c.isInterface() ? null : nonNull(declaredSuperclass, objectType);
      lookupInterfaces = declaredInterfaces;
    } else if (node instanceof EnumDeclaration e) {
      declaredInterfaces = resolveAll(e.getImplementedTypes(), header);
      lookupSuperclass = TypeRef.of("java.lang.Enum", TypeRef.of(id));
      lookupInterfaces = declaredInterfaces;
    } else if (node instanceof RecordDeclaration r) {
      declaredInterfaces = resolveAll(r.getImplementedTypes(), header);
      lookupSuperclass = TypeRef.of("java.lang.Record");
      lookupInterfaces = declaredInterfaces;
    } else if (node instanceof AnnotationDeclaration) {
      lookupInterfaces = List.of(TypeRef.of("java.lang.annotation.Annotation"));
    } else {
      // Anonymous: `new I() {}` implements I; `new C() {}` and enum constant bodies extend C.
      ClassModel base = resolver.types().model(anonymousBase);
      if (base != null && base.isInterface()) {
        declaredInterfaces = List.of(anonymousBase);
        lookupSuperclass = objectType;
      } else {
        declaredSuperclass = anonymousBase;
        lookupSuperclass = anonymousBase;
      }
      lookupInterfaces = declaredInterfaces;
    }
    state = State.LINKED;
  }

  private static TypeRef nonNull(TypeRef t, TypeRef otherwise) {
    return t == null ? otherwise : t;
  }

  private NodeList<TypeParameter> typeParameters() {
    if (node instanceof ClassOrInterfaceDeclaration c) {
      return c.getTypeParameters();
    } else if (node instanceof RecordDeclaration r) {
      return r.getTypeParameters();
    }
    return new NodeList<>();
  }

  private List<TypeRef> resolveAll(NodeList<ClassOrInterfaceType> types, Scope scope) {
    List<TypeRef> out = new ArrayList<>();
    for (ClassOrInterfaceType t : types) {
      out.add(resolver.resolve(t, scope));
    }
    return List.copyOf(out);
  }

  /** Type parameters with their first bound, resolved where they are declared. */
  List<TypeParam> typeParams(NodeList<TypeParameter> params, Scope scope) {
    List<TypeParam> out = new ArrayList<>();
    for (TypeParameter p : params) {
      TypeRef bound =
          p.getTypeBound().isEmpty()
              ? TypeSystem.OBJECT_TYPE
              : resolver.resolve(p.getTypeBound().get(0), scope);
      out.add(new TypeParam(p.getNameAsString(), bound));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- members

  /** Resolves field and method signatures; links first. */
  void resolveMembers() {
    link();
    if (state == State.RESOLVED) {
      return;
    }
    state = State.RESOLVED;
    TypeRef self = asType();
    if (node instanceof EnumDeclaration e) {
      for (EnumConstantDeclaration c : e.getEntries()) {
        FieldModel f = new FieldModel(id, c.getNameAsString(), TypeRef.of(id), true, null);
        fields.put(f.name(), f);
        fieldByNode.put(c, f);
      }
    }
    if (node instanceof RecordDeclaration r) {
      for (Parameter p : r.getParameters()) {
        TypeRef t = resolver.resolve(p.getType(), body);
        FieldModel f = new FieldModel(id, p.getNameAsString(), t, false, null);
        fields.put(f.name(), f);
        fieldByNode.put(p, f);
        restricted.put(f, Modifier.PRIVATE);
      }
    }
    for (BodyDeclaration<?> m : members) {
      if (m instanceof FieldDeclaration fd) {
        boolean isStatic = fd.isStatic() || Modifiers.isInterfaceLike(node);
        boolean isFinal = fd.isFinal() || Modifiers.isInterfaceLike(node);
        for (VariableDeclarator v : fd.getVariables()) {
          TypeRef t = resolver.resolve(v.getType(), body);
          String constant =
              isFinal ? ConstantFolder.literalString(v.getInitializer().orElse(null)) : null;
          FieldModel f = new FieldModel(id, v.getNameAsString(), t, isStatic, constant);
          fields.putIfAbsent(f.name(), f);
          fieldByNode.put(v, f);
          restrict(f, fd.getModifiers());
        }
      } else if (m instanceof MethodDeclaration md) {
        boolean isStatic = md.isStatic();
        boolean isAbstract =
            md.getBody().isEmpty()
                && (md.isAbstract()
                    || (Modifiers.isInterfaceLike(node)
                        && !isStatic
                        && !md.isDefault()
                        && !md.isPrivate()));
        List<TypeParam> tps = methodTypeParams(md.getTypeParameters(), isStatic);
        Scope inner = body.method(tps, isStatic, null);
        MethodModel mm =
            method(
                md.getNameAsString(),
                tps,
                md.getParameters(),
                resolver.resolve(md.getType(), inner),
                isStatic,
                isAbstract,
                inner);
        addMethod(md, mm);
        restrict(mm, md.getModifiers());
      } else if (m instanceof ConstructorDeclaration cd) {
        List<TypeParam> tps = methodTypeParams(cd.getTypeParameters(), false);
        Scope inner = body.method(tps, false, null);
        MethodModel mm =
            method("<init>", tps, cd.getParameters(), TypeRef.VOID, false, false, inner);
        constructors.add(mm);
        methodByNode.put(cd, mm);
      } else if (m instanceof CompactConstructorDeclaration cc) {
        RecordDeclaration r = (RecordDeclaration) node;
        MethodModel mm =
            method("<init>", List.of(), r.getParameters(), TypeRef.VOID, false, false, body);
        constructors.add(mm);
        methodByNode.put(cc, mm);
      } else if (m instanceof AnnotationMemberDeclaration am) {
        TypeRef rt = resolver.resolve(am.getType(), body);
        addMethod(
            am,
            new MethodModel(
                id, am.getNameAsString(), List.of(), List.of(), List.of(), false, rt, false, true));
      }
    }
    addImplicitMembers(self);
  }

  /** Records whether a member is private or package-private; interface members are neither. */
  private void restrict(Object member, NodeList<com.github.javaparser.ast.Modifier> mods) {
    Set<Modifier> m = Modifiers.of(mods);
    if (m.contains(Modifier.PRIVATE)) {
      restricted.put(member, Modifier.PRIVATE);
    } else if (!m.contains(Modifier.PUBLIC)
        && !m.contains(Modifier.PROTECTED)
        && !Modifiers.isInterfaceLike(node)) {
      restricted.put(member, Modifier.DEFAULT);
    }
  }

  /** A method's type parameters; their bounds may name each other, so names come first. */
  List<TypeParam> methodTypeParams(NodeList<TypeParameter> params, boolean isStatic) {
    if (params.isEmpty()) {
      return List.of();
    }
    List<TypeParam> names = new ArrayList<>();
    for (TypeParameter p : params) {
      names.add(new TypeParam(p.getNameAsString(), TypeSystem.OBJECT_TYPE));
    }
    return typeParams(params, body.method(names, isStatic, null));
  }

  private MethodModel method(
      String name,
      List<TypeParam> tps,
      NodeList<Parameter> params,
      TypeRef returnType,
      boolean isStatic,
      boolean isAbstract,
      Scope scope) {
    List<TypeRef> types = new ArrayList<>();
    boolean varargs = false;
    for (Parameter p : params) {
      TypeRef t = resolver.resolve(p.getType(), scope);
      if (p.isVarArgs()) {
        varargs = true;
        t = t.kind() == TypeRef.Kind.UNKNOWN ? t : t.arrayOf(1);
      }
      types.add(t);
    }
    Map<String, TypeRef> bounds = new HashMap<>();
    for (ProjectClass c = this; c != null; c = c.enclosing) {
      for (TypeParam p : c.typeParams) {
        bounds.putIfAbsent(p.name(), p.bound());
      }
    }
    bounds.putAll(TypeSystem.bounds(tps));
    List<TypeRef> erased = new ArrayList<>();
    for (TypeRef t : types) {
      erased.add(resolver.types().erase(t, bounds));
    }
    return new MethodModel(id, name, tps, types, erased, varargs, returnType, isStatic, isAbstract);
  }

  private void addMethod(Node decl, MethodModel mm) {
    methods.computeIfAbsent(mm.name(), k -> new ArrayList<>()).add(mm);
    allMethods.add(mm);
    methodByNode.put(decl, mm);
  }

  /**
   * Members the language declares without source, which expressions still call: record accessors
   * and canonical constructor, enum {@code values()} and {@code valueOf}, the default constructor.
   * They are in the type model only, never in the IR.
   */
  private void addImplicitMembers(TypeRef self) {
    if (node instanceof RecordDeclaration r) {
      List<TypeRef> componentTypes = new ArrayList<>();
      for (Parameter p : r.getParameters()) {
        TypeRef t = fields.get(p.getNameAsString()).type();
        componentTypes.add(t);
        if (methods(p.getNameAsString()).stream().noneMatch(m -> m.arity() == 0)) {
          methods
              .computeIfAbsent(p.getNameAsString(), k -> new ArrayList<>())
              .add(
                  new MethodModel(
                      id,
                      p.getNameAsString(),
                      List.of(),
                      List.of(),
                      List.of(),
                      false,
                      t,
                      false,
                      false));
        }
      }
      boolean hasCanonical =
          constructors.stream().anyMatch(c -> c.arity() == componentTypes.size());
      if (!hasCanonical) {
        List<TypeRef> erased = new ArrayList<>();
        for (TypeRef t : componentTypes) {
          erased.add(resolver.types().erase(t, TypeSystem.bounds(typeParams)));
        }
        constructors.add(
            new MethodModel(
                id,
                "<init>",
                List.of(),
                componentTypes,
                erased,
                false,
                TypeRef.VOID,
                false,
                false));
      }
    }
    if (node instanceof EnumDeclaration) {
      methods
          .computeIfAbsent("values", k -> new ArrayList<>())
          .add(
              new MethodModel(
                  id,
                  "values",
                  List.of(),
                  List.of(),
                  List.of(),
                  false,
                  self.arrayOf(1),
                  true,
                  false));
      TypeRef string = TypeSystem.STRING;
      methods
          .computeIfAbsent("valueOf", k -> new ArrayList<>())
          .add(
              new MethodModel(
                  id,
                  "valueOf",
                  List.of(),
                  List.of(string),
                  List.of(string),
                  false,
                  self,
                  true,
                  false));
    }
    if (constructors.isEmpty()
        && kind != ClassDecl.Kind.INTERFACE
        && kind != ClassDecl.Kind.ANNOTATION) {
      constructors.add(
          new MethodModel(
              id, "<init>", List.of(), List.of(), List.of(), false, TypeRef.VOID, false, false));
    }
  }

  // ---------------------------------------------------------------- ClassModel

  @Override
  String name() {
    return id;
  }

  @Override
  boolean isInterface() {
    return kind == ClassDecl.Kind.INTERFACE || kind == ClassDecl.Kind.ANNOTATION;
  }

  @Override
  boolean isEnum() {
    return kind == ClassDecl.Kind.ENUM;
  }

  @Override
  List<TypeParam> typeParams() {
    if (state == State.NEW) {
      link();
    }
    if (state == State.LINKING && typeParams.isEmpty() && !typeParamNames.isEmpty()) {
      List<TypeParam> names = new ArrayList<>();
      for (String n : typeParamNames) {
        names.add(new TypeParam(n, TypeSystem.OBJECT_TYPE));
      }
      return names;
    }
    return typeParams;
  }

  @Override
  TypeRef superclass() {
    link();
    return lookupSuperclass;
  }

  @Override
  List<TypeRef> interfaces() {
    link();
    return lookupInterfaces;
  }

  @Override
  FieldModel field(String name) {
    return fields.get(name);
  }

  @Override
  List<MethodModel> methods(String name) {
    return methods.getOrDefault(name, List.of());
  }

  @Override
  List<MethodModel> allMethods() {
    return allMethods;
  }

  @Override
  List<MethodModel> constructors() {
    return constructors;
  }

  @Override
  String memberType(String simpleName) {
    ProjectClass m = memberTypes.get(simpleName);
    return m == null ? null : m.id;
  }

  @Override
  boolean isProject() {
    return true;
  }

  @Override
  String packageName() {
    return unit.packageName;
  }

  @Override
  boolean inherited(Object member, String subclassPackage) {
    Modifier r = restricted.get(member);
    return r == null || (r == Modifier.DEFAULT && unit.packageName.equals(subclassPackage));
  }
}
