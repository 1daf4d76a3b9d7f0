package dev.shareguard.core.ir;

import java.util.List;

/** A method, lambda or catch parameter. */
public record Param(String name, TypeRef type, List<Annotation> annotations) {
  public Param {
    annotations = List.copyOf(annotations);
  }

  public static Param of(String name, TypeRef type) {
    return new Param(name, type, List.of());
  }
}
