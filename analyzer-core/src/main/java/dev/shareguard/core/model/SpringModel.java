package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * Spring: stereotype beans are singletons by default, so one instance serves every request
 * thread; the container injects them and calls their init and *Aware callbacks while it builds
 * them, before any request thread sees them.
 */
final class SpringModel implements FrameworkModel {
  @Override
  public String name() {
    return "Spring";
  }

  @Override
  public Map<String, String> sharedEntryAnnotations() {
    return Map.of(
        "org.springframework.stereotype.Component", "Spring singleton bean",
        "org.springframework.stereotype.Service", "Spring singleton bean",
        "org.springframework.stereotype.Repository", "Spring singleton bean",
        "org.springframework.stereotype.Controller", "Spring singleton bean",
        "org.springframework.web.bind.annotation.RestController", "Spring singleton bean",
        "org.springframework.context.annotation.Configuration", "Spring singleton bean");
  }

  /** Spring's concurrent map, which a project holds from the jar. */
  @Override
  public Map<String, java.util.List<String>> librarySupertypes() {
    return Map.of("org.springframework.util.ConcurrentReferenceHashMap",
        java.util.List.of("java.util.AbstractMap", "java.util.concurrent.ConcurrentMap"));
  }

  /** Injection points and bean factory methods. */
  @Override
  public Set<String> initMethodAnnotations() {
    return Set.of("Autowired", "Value", "Bean");
  }

  /** InitializingBean, SmartInitializingSingleton and the *Aware setters. */
  @Override
  public Set<String> initCallbacks() {
    return Set.of(
        "afterPropertiesSet", "afterSingletonsInstantiated", "setBeanFactory",
        "setApplicationContext", "setImportMetadata", "setEnvironment", "setResourceLoader",
        "setBeanClassLoader", "setBeanName", "setServletContext", "setApplicationEventPublisher",
        "setMessageSource", "setEmbeddedValueResolver", "setLoadTimeWeaver");
  }

  /**
   * A factory bean's {@code getObject()}: the container asks a singleton factory bean for its
   * object under the registry's singleton lock and keeps what it returns, so two calls never run
   * at once (a lazily made object is made once).
   */
  @Override
  public Map<String, Set<String>> serialCallbacks() {
    return Map.of("org.springframework.beans.factory.FactoryBean", Set.of("getObject"));
  }
}
