package dev.shareguard.core.copies;

import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.TypeRef;

/** Places and names for the messages of the copies and values rules, in the user's own terms. */
public final class CopyText {
  private CopyText() {}

  /** Where {@code at} is, in {@code body}'s file. */
  public static Location location(ProgramIndex.Body body, Expr at) {
    return new Location(body.file().path(), at.pos().line(), at.pos().column());
  }

  /** A related location with its explanation. */
  public static RelatedLocation related(ProgramIndex.Body body, Expr at, String message) {
    return new RelatedLocation(location(body, at), message);
  }

  /** The value as the user wrote it: the expression that made it, or the field it came from. */
  public static String text(Prov p) {
    if (p instanceof Prov.Origin o) {
      return o.src().text();
    }
    if (p != null && p.site() != null) {
      return Describe.expr(p.site());
    }
    return "the container";
  }

  /** How a value was made, as the user wrote it: {@code new ArrayList<>(…)}, {@code keySet}. */
  public static String made(Prov.Made m) {
    return switch (m.how()) {
      case CONTAINER_CONSTRUCTOR -> "new " + simple(m.owner()) + "<>(…)";
      case CONSTRUCTOR -> "new " + simple(m.owner()) + "(…)";
      case CLONE -> "clone()";
      case REBUILD -> "toBuilder()…" + m.name() + "()";
      case CALL -> m.name() + "(…)";
      case VIEW -> m.name();
      case STREAM -> "stream";
      case STREAM_TO_LIST -> "stream().toList()";
      case STREAM_COLLECT -> "stream().collect(Collectors." + m.name() + "(…))";
      case STATIC_CALL -> simple(m.owner()) + "." + m.name() + "(…)";
      case ANALYSED -> (m.owner() == null ? "" : m.owner() + ".") + m.name() + "()";
    };
  }

  /** {@code List}, {@code Map}: the simple name of a type, for messages. */
  public static String simpleType(TypeRef t) {
    if (t == null || t.kind() != TypeRef.Kind.CLASS) {
      return "value";
    }
    return Describe.simpleName(t.name());
  }

  /** The class name of {@code t}, or null for a primitive, an array or an unresolved type. */
  static String typeName(TypeRef t) {
    return t != null && t.kind() == TypeRef.Kind.CLASS && !t.isArray() ? t.name() : null;
  }

  /** The simple name of a qualified class name. */
  static String simple(String qualified) {
    return Describe.simpleName(qualified);
  }
}
