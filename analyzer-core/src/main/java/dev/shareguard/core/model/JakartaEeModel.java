package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * Servlets, filters and the Jakarta (javax) dependency-injection and lifecycle annotations: a
 * servlet container calls one servlet or filter instance from all its request threads; a JSR-330
 * {@code @Singleton} is one instance for every caller; injection points and {@code @PostConstruct}
 * run while the object is built, before any request thread sees it.
 */
final class JakartaEeModel implements FrameworkModel {
  @Override
  public String name() {
    return "Jakarta EE";
  }

  @Override
  public Map<String, String> sharedEntryAnnotations() {
    return Map.of(
        "javax.inject.Singleton", "JAX-RS/JSR-330 singleton",
        "jakarta.inject.Singleton", "JAX-RS/JSR-330 singleton");
  }

  /** One servlet or filter instance serves every request thread of the container. */
  @Override
  public Set<String> sharedEntrySupertypes() {
    return Set.of(
        "javax.servlet.http.HttpServlet",
        "jakarta.servlet.http.HttpServlet",
        "javax.servlet.Servlet",
        "jakarta.servlet.Servlet",
        "javax.servlet.Filter",
        "jakarta.servlet.Filter");
  }

  /** An HTTP servlet's request methods, protected in the servlet API, called for every request. */
  @Override
  public Map<String, Set<String>> protectedEntryCallbacks() {
    Set<String> methods = Set.of("service", "doGet", "doPost", "doPut", "doDelete", "doHead",
        "doOptions", "doTrace", "doPatch", "getLastModified");
    return Map.of("javax.servlet.http.HttpServlet", methods,
        "jakarta.servlet.http.HttpServlet", methods);
  }

  /** JSR-330 injection points and JSR-250 resources and init methods (both spellings). */
  @Override
  public Set<String> initMethodAnnotations() {
    return Set.of("Inject", "Resource", "PostConstruct");
  }

  /** JSR-250's {@code @PreDestroy}: called once as the container takes the object down. */
  @Override
  public Set<String> teardownAnnotations() {
    return Set.of("PreDestroy");
  }

  /** {@code Servlet.init} and {@code Filter.init} run once, before the first request. */
  @Override
  public Set<String> initCallbacks() {
    return Set.of("init");
  }
}
