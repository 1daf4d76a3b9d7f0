package dev.shareguard.core.ir;

/** Java modifiers that matter to the engine. */
public enum Modifier {
  PUBLIC,
  PROTECTED,
  PRIVATE,
  STATIC,
  FINAL,
  ABSTRACT,
  SYNCHRONIZED,
  VOLATILE,
  TRANSIENT,
  NATIVE,
  DEFAULT
}
