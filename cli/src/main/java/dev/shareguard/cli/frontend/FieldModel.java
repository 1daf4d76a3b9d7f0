package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;

/**
 * A field as the type model knows it: the declaring class, its declared type (in terms of the
 * declaring class's type variables) and, for constants, their string value, which annotation
 * elements such as {@code @GuardedBy(LOCK_NAME)} refer to.
 */
record FieldModel(
    String owner, String name, TypeRef type, boolean isStatic, String constantValue) {}
