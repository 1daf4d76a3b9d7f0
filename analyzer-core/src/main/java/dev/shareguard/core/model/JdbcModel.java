package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * JDBC: a connection and the objects it makes (statements, result sets, its metadata) are used by
 * one thread at a time. The API promises no more (drivers say so of their connections,
 * statements and result sets, and pools hand a connection to one borrower at a time); the methods
 * it provides for another thread are {@code Statement.cancel()}, to stop a statement another
 * thread is running, and {@code Connection.abort(Executor)}. So the driver's own locks in some
 * methods are no sign that two of its methods run at once on one connection's objects.
 */
final class JdbcModel implements FrameworkModel {
  @Override
  public String name() {
    return "JDBC";
  }

  /** The JDK's statement types, for a class that names only the narrower one. */
  @Override
  public Map<String, java.util.List<String>> librarySupertypes() {
    return Map.of(
        "java.sql.PreparedStatement", java.util.List.of("java.sql.Statement"),
        "java.sql.CallableStatement", java.util.List.of("java.sql.PreparedStatement"));
  }

  @Override
  public Map<String, Set<String>> singleCallerTypes() {
    return Map.of(
        "java.sql.Connection", Set.of("abort"),
        "java.sql.Statement", Set.of("cancel"),
        "java.sql.ResultSet", Set.of(),
        "java.sql.DatabaseMetaData", Set.of());
  }
}
