package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;

/** A declared type parameter and its first bound ({@code java.lang.Object} when unbounded). */
record TypeParam(String name, TypeRef bound) {}
