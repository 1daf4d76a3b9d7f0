package dev.shareguard.core.model;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.FieldDecl;
import java.util.function.Function;

/**
 * What kind of value a type's instances are, for rules that ask whether identity matters: plain
 * values (equal ones serve alike) and objects that accumulate state (which instance a thread holds
 * matters). Library tables come from {@link CopyModels} and {@link LibraryModels}; analysed
 * classes are judged by their declarations.
 */
public final class ValueKinds {
  /** How deep into field types {@link #accumulatesState} looks; a class graph can be cyclic. */
  private static final int MAX_DEPTH = 2;

  private final LibraryModels models;
  private final CopyModels copyModels;
  private final Function<String, ClassDecl> analysed;
  private final java.util.function.Predicate<String> builtOnce;

  /**
   * @param analysed the analysed class of a qualified name, or null for a library type
   */
  /**
   * Whether the value of {@code e} is an object that lives on one event loop for its whole life
   * (a channel: {@link LibraryModels#isLoopBound}), by its static type.
   */
  public boolean livesOnOneLoop(dev.shareguard.core.ir.Expr e) {
    return e != null && e.type() != null && models.isLoopBound(models.staticType(e));
  }

  public ValueKinds(LibraryModels models, Config config, Function<String, ClassDecl> analysed) {
    this(models, config, analysed, c -> false);
  }

  /**
   * @param builtOnce whether an analysed class's objects are complete when their constructor
   *     returns (no code changes their own state afterwards; see {@code engine.BuiltOnce})
   */
  public ValueKinds(LibraryModels models, Config config, Function<String, ClassDecl> analysed,
      java.util.function.Predicate<String> builtOnce) {
    this.models = models;
    this.copyModels = new CopyModels(models.types(), config);
    this.analysed = analysed;
    this.builtOnce = builtOnce;
  }

  /**
   * Whether values of {@code type} are plain values whose identity does not matter (strings,
   * boxed numbers, {@code java.time} values, immutable collections, enums): two equal ones serve
   * alike.
   */
  public boolean isValue(String type) {
    if (type == null) {
      return false;
    }
    ClassDecl c = analysed.apply(type);
    return copyModels.isImmutableLibraryType(type)
        || models.isImmutableContainer(type)
        || (c != null && c.kind() == ClassDecl.Kind.ENUM);
  }

  /**
   * Whether {@code type} is an analysed class whose objects hold nothing but plain values set once
   * (every instance field final, of a primitive or {@link #isValue value} type, or a container
   * filled while the object is built and never changed after it, {@code builtOnce}; no analysed
   * superclass with fields of its own, no outer instance): two objects built from equal values
   * serve alike, and a reader that sees one sees it whole, the contents of its final fields
   * included (JLS §17.5).
   */
  public boolean isPlainImmutableClass(String type) {
    ClassDecl c = type == null ? null : analysed.apply(type);
    if (c == null || (c.kind() != ClassDecl.Kind.CLASS && c.kind() != ClassDecl.Kind.RECORD)
        || c.hasOuterInstance()
        || (c.superclass() != null && !c.superclass().erasure().equals("java.lang.Object"))) {
      return false;
    }
    for (FieldDecl f : c.fields()) {
      if (!f.isStatic()
          && (!f.isFinal() || !(f.type().isPrimitive() || isValue(f.type().erasure())
              || models.isContainer(f.type().erasure()) && builtOnce.test(c.id())))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code type} is one of the JDK's atomic values or adders. */
  public static boolean isAtomic(String type) {
    return type != null && type.startsWith("java.util.concurrent.atomic.");
  }

  /**
   * Whether objects of {@code type} accumulate state through their use: atomics and adders,
   * mutable containers, and analysed classes with a non-final instance field or a final one of
   * such a type, unless the class's objects are complete when built (its own code changes none
   * of its fields after the constructor: {@code builtOnce}), when only fields holding other
   * analysed objects that accumulate state count. A library class the models do not know counts
   * as not.
   */
  public boolean accumulatesState(String type) {
    return accumulatesState(type, 0);
  }

  private boolean accumulatesState(String type, int depth) {
    if (type == null || depth > MAX_DEPTH) {
      return false;
    }
    if (isAtomic(type)
        || (models.isContainer(type) && !models.isImmutableContainer(type))) {
      return true;
    }
    ClassDecl c = analysed.apply(type);
    if (c == null || c.kind() == ClassDecl.Kind.ENUM || c.kind() == ClassDecl.Kind.RECORD) {
      return false;
    }
    if (builtOnce.test(c.id())) {
      for (FieldDecl f : c.fields()) {
        if (!f.isStatic() && analysed.apply(f.type().erasure()) != null
            && accumulatesState(f.type().erasure(), depth + 1)) {
          return true;
        }
      }
      return false;
    }
    for (FieldDecl f : c.fields()) {
      if (!f.isStatic()
          && (!f.isFinal() || accumulatesState(f.type().erasure(), depth + 1))) {
        return true;
      }
    }
    return false;
  }
}
