package dev.shareguard.core.model;

import dev.shareguard.core.config.Config;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Kubernetes client libraries do with the objects of an informer cache, for the {@code
 * operators} pack: which calls hand out the cache's own instances (sources), which hand an object
 * to an event handler, which make a deep copy (barriers), which make a builder copy that still
 * shares part of the original, and which calls change an object in place (sinks).
 *
 * <p>Libraries and versions modelled (read in their sources):
 *
 * <ul>
 *   <li>fabric8 kubernetes-client 6.x–7.x ({@code io.fabric8.kubernetes.client.informers}):
 *       {@code SharedIndexInformer.getStore()/getIndexer()}, {@code cache.Store/Indexer/Cache}
 *       reads and {@code cache.Lister}; all return the stored references.
 *   <li>Java Operator SDK 5.x ({@code io.javaoperatorsdk.operator}): {@code Context}'s secondary
 *       resources and primary cache, {@code InformerEventSource} reads. Since 5.0.0 they return the
 *       cached instances (4.x cloned them; an audit of 4.x code can turn the SDK entries off with
 *       {@link Versions#josdkBefore5}).
 *   <li>The official kubernetes-client/java 20+ ({@code io.kubernetes.client.informer}): {@code
 *       SharedIndexInformer.getIndexer()}, {@code cache.Indexer/Store/Cache}, {@code cache.Lister}.
 * </ul>
 *
 * <p>User config adds sources ({@link Config#extraCacheSources()}: a team's own cache wrapper, or
 * the storage field of a hand-written cache) and barriers ({@link Config#extraCopyBarriers()}).
 */
public final class KubernetesModels {

  /** What a modelled read of a cache gives back. */
  public enum Yield {
    /** Another view of the cache (a store, an indexer, a namespaced lister). */
    HANDLE,
    /** A new container (list, set, stream, optional) of the cache's own instances. */
    COLLECTION,
    /** One of the cache's own instances. */
    OBJECT
  }

  /** One cache type: its qualified names (interfaces and implementations) and its reads. */
  private record CacheType(List<String> names, Map<String, Yield> reads) {}

  private static final String F8 = "io.fabric8.kubernetes.client.informers.";
  private static final String K8S = "io.kubernetes.client.informer.";
  private static final String JOSDK = "io.javaoperatorsdk.operator.";

  /**
   * Cache types and their reads. The informers themselves only lead to their store; the stores,
   * indexers and listers return the stored references (fabric8 {@code Cache.get} returns {@code
   * items.get(key)}; {@code list()} a new list of the same objects), never copies.
   */
  private static final List<CacheType> CACHES =
      List.of(
          // fabric8: the informer hands out its store; SharedIndexInformer has both getters.
          new CacheType(
              List.of(F8 + "SharedIndexInformer", F8 + "SharedInformer"),
              Map.of("getStore", Yield.HANDLE, "getIndexer", Yield.HANDLE)),
          new CacheType(
              List.of(
                  F8 + "cache.Store",
                  F8 + "cache.Indexer",
                  F8 + "cache.Cache",
                  F8 + "cache.ItemStore",
                  F8 + "cache.BasicItemStore"),
              Map.of(
                  "get", Yield.OBJECT,
                  "getByKey", Yield.OBJECT,
                  "list", Yield.COLLECTION,
                  "index", Yield.COLLECTION,
                  "byIndex", Yield.COLLECTION,
                  "values", Yield.COLLECTION)),
          // Lister.namespace(ns) is a lister over the same store.
          new CacheType(
              List.of(F8 + "cache.Lister"),
              Map.of("get", Yield.OBJECT, "list", Yield.COLLECTION, "namespace", Yield.HANDLE)),
          // The official client: same shapes, its own packages.
          new CacheType(
              List.of(K8S + "SharedIndexInformer", K8S + "SharedInformer"),
              Map.of("getIndexer", Yield.HANDLE)),
          new CacheType(
              List.of(K8S + "cache.Indexer", K8S + "cache.Store", K8S + "cache.Cache"),
              Map.of(
                  "get", Yield.OBJECT,
                  "getByKey", Yield.OBJECT,
                  "list", Yield.COLLECTION,
                  "index", Yield.COLLECTION,
                  "byIndex", Yield.COLLECTION)),
          new CacheType(
              List.of(K8S + "cache.Lister"),
              Map.of("get", Yield.OBJECT, "list", Yield.COLLECTION, "namespace", Yield.HANDLE)));

  /**
   * The operator SDK's reads (5.x). {@code Context.getSecondaryResource(s)} and {@code
   * getSecondaryResourcesAsStream} return cached instances unless the operator turned on {@code
   * cloneSecondaryResourcesWhenGettingFromCache}; {@code getPrimaryCache()} and the informer event
   * sources read the informer's store. The primary passed to {@code reconcile} is a copy (since
   * 1.7.1) and is no source.
   */
  private static final List<CacheType> JOSDK_CACHES =
      List.of(
          new CacheType(
              List.of(JOSDK + "api.reconciler.Context", JOSDK + "api.reconciler.DefaultContext"),
              Map.of(
                  "getSecondaryResource", Yield.COLLECTION,
                  "getSecondaryResources", Yield.COLLECTION,
                  "getSecondaryResourcesAsStream", Yield.COLLECTION,
                  "getPrimaryCache", Yield.HANDLE)),
          new CacheType(
              List.of(
                  JOSDK + "api.reconciler.ResourceCache",
                  JOSDK + "api.reconciler.IndexedResourceCache",
                  JOSDK + "processing.event.source.IndexerResourceCache",
                  JOSDK + "processing.event.source.informer.InformerEventSource",
                  JOSDK + "processing.event.source.informer.ManagedInformerEventSource",
                  JOSDK + "processing.event.source.controller.ControllerEventSource"),
              Map.of(
                  "get", Yield.COLLECTION,
                  "list", Yield.COLLECTION,
                  "byIndex", Yield.COLLECTION,
                  "getSecondaryResource", Yield.COLLECTION,
                  "getSecondaryResources", Yield.COLLECTION)));

  /**
   * Event handler interfaces: their {@code onAdd/onUpdate/onDelete} receive the cached instance
   * (fabric8 passes the same object as old and new on a resync).
   */
  private static final Set<String> EVENT_HANDLERS =
      Set.of(F8 + "ResourceEventHandler", K8S + "ResourceEventHandler");

  private static final Set<String> EVENT_METHODS = Set.of("onAdd", "onUpdate", "onDelete");

  /**
   * Deep copies: a serialization round trip ({@code Serialization.clone}, {@code
   * KubernetesSerialization.clone/convertValue}) or the operator SDK's cloner, which does the same.
   * Their result shares nothing with the argument. {@code owner#method}.
   */
  private static final Set<String> DEEP_COPIES =
      Set.of(
          "io.fabric8.kubernetes.client.utils.Serialization#clone",
          "io.fabric8.kubernetes.client.utils.KubernetesSerialization#clone",
          "io.fabric8.kubernetes.client.utils.KubernetesSerialization#convertValue",
          JOSDK + "api.config.Cloner#clone",
          JOSDK + "api.config.ConfigurationService#getResourceCloner");

  /**
   * Calls that finish a builder copy. fabric8's builders ({@code new PodBuilder(pod)}, {@code
   * pod.edit()}, {@code toBuilder()}) copy typed nested objects through nested builders and maps
   * with {@code new LinkedHashMap<>(map)}, but keep the maps' values: the result is a shallow copy.
   */
  private static final Set<String> BUILDER_STARTS = Set.of("edit", "toBuilder");

  private static final Set<String> BUILDER_ENDS = Set.of("build", "done");

  /**
   * Methods that change a container in place (JDK collections and maps), or an object through its
   * HasMetadata helpers ({@code addFinalizer}, {@code removeFinalizer}, {@code
   * addOwnerReference}, {@code removeOwnerReference} change the metadata's lists).
   */
  private static final Set<String> MUTATORS =
      Set.of(
          "put", "putAll", "putIfAbsent", "remove", "clear", "add", "addAll", "removeAll",
          "retainAll", "removeIf", "replaceAll", "compute", "computeIfAbsent", "computeIfPresent",
          "merge", "replace", "sort", "addFirst", "addLast", "removeFirst", "removeLast", "push",
          "pop", "offer", "poll", "addFinalizer", "removeFinalizer", "addOwnerReference",
          "removeOwnerReference");

  /** Official-client model packages, whose objects have fluent setters named like properties. */
  private static final String OFFICIAL_MODELS = "io.kubernetes.client.openapi.models.";

  /** Which library versions an audit models where behaviour changed. */
  public record Versions(boolean josdkBefore5) {
    /** The current releases: operator SDK 5.x. */
    public static final Versions CURRENT = new Versions(false);
  }

  private final TypeHierarchy types;
  private final List<CacheType> caches;
  private final Set<Config.Member> extraSources;
  private final Set<String> deepCopies = new HashSet<>(DEEP_COPIES);

  public KubernetesModels(TypeHierarchy types, Config config) {
    this(types, config, Versions.CURRENT);
  }

  public KubernetesModels(TypeHierarchy types, Config config, Versions versions) {
    this.types = types;
    List<CacheType> all = new java.util.ArrayList<>(CACHES);
    if (!versions.josdkBefore5()) {
      all.addAll(JOSDK_CACHES);
    }
    this.caches = List.copyOf(all);
    this.extraSources = config.extraCacheSources();
    for (Config.Member m : config.extraCopyBarriers()) {
      deepCopies.add(m.type() + "#" + m.name());
    }
  }

  /**
   * What a call of {@code name} on a receiver of static type {@code receiverType} reads from a
   * cache, or null when it is no cache read.
   */
  public Yield cacheRead(String receiverType, String name) {
    for (CacheType c : caches) {
      Yield y = c.reads().get(name);
      if (y != null && isOneOf(receiverType, c.names())) {
        return y;
      }
    }
    return null;
  }

  /**
   * What {@code name} does on a cache handle of type {@code handleType} (a value already known to
   * be one, whatever static type the front end gave it), or null.
   */
  public Yield handleRead(String handleType, String name) {
    for (CacheType c : caches) {
      if (c.names().contains(handleType)) {
        return c.reads().get(name);
      }
    }
    return null;
  }

  /**
   * The cache type that {@code name} returns as a {@link Yield#HANDLE} when called on {@code
   * cacheType}: a store, an indexer, a namespaced lister, the operator SDK's primary cache.
   */
  public static String handleType(String cacheType, String name) {
    String lib = cacheType.startsWith(F8) ? F8 : cacheType.startsWith(K8S) ? K8S : JOSDK;
    return switch (name) {
      case "getStore" -> F8 + "cache.Store";
      case "getIndexer" -> lib + "cache.Indexer";
      case "namespace" -> lib + "cache.Lister";
      case "getPrimaryCache" -> JOSDK + "api.reconciler.IndexedResourceCache";
      default -> cacheType;
    };
  }

  /** The modelled cache type {@code type} is or extends, or null. */
  public String cacheTypeOf(String type) {
    for (CacheType c : caches) {
      for (String n : c.names()) {
        if (type != null && (type.equals(n) || types.isSubtype(type, n))) {
          return n;
        }
      }
    }
    return null;
  }

  /** Whether a value of static type {@code type} is a cache (an informer, store, lister…). */
  public boolean isCacheType(String type) {
    for (CacheType c : caches) {
      if (isOneOf(type, c.names())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call of method {@code name} declared in {@code owner} (or on a receiver of {@code
   * receiverType}) is a source declared in config.
   */
  public boolean isDeclaredSourceMethod(String receiverType, String owner, String name) {
    for (Config.Member m : extraSources) {
      if (m.name().equals(name)
          && (isOneOf(receiverType, List.of(m.type())) || isOneOf(owner, List.of(m.type())))) {
        return true;
      }
    }
    return false;
  }

  /** Whether field {@code name} of class {@code owner} is a cache's storage declared in config. */
  public boolean isDeclaredSourceField(String owner, String name) {
    return owner != null && extraSources.contains(new Config.Member(owner, name));
  }

  /** Whether class {@code classId} implements an informer event handler interface. */
  public boolean isEventHandler(String classId) {
    return classId != null && types.isSubtypeOfAny(classId, EVENT_HANDLERS);
  }

  /** Whether {@code name} is an event handler method that receives cached instances. */
  public static boolean isEventMethod(String name) {
    return EVENT_METHODS.contains(name);
  }

  /** Whether {@code owner#name} returns a deep copy (or a deep copier). */
  public boolean isDeepCopy(String owner, String name) {
    return owner != null && deepCopies.contains(owner + "#" + name);
  }

  /** Whether {@code owner#name} is a fabric8 deep copy, the one a fix can insert. */
  public static boolean isFabric8Type(String type) {
    return type != null && type.startsWith("io.fabric8.kubernetes.api.model.");
  }

  /** Whether a call of {@code name} on an object starts a builder copy of it. */
  public static boolean startsBuilder(String name) {
    return BUILDER_STARTS.contains(name);
  }

  /** Whether a call of {@code name} on a builder ends it, returning the built copy. */
  public static boolean endsBuilder(String name) {
    return BUILDER_ENDS.contains(name);
  }

  /** Whether {@code new type(arg)} is a builder initialised from {@code arg} (a copy). */
  public static boolean isBuilderType(String type) {
    return type != null && type.endsWith("Builder");
  }

  /**
   * Whether a call of {@code name} with {@code arity} arguments on an object of static type {@code
   * receiverType} changes it in place: a setter ({@code setX(v)}, also {@code Map.Entry.setValue}),
   * a container write, a HasMetadata helper, the official client's {@code putXItem}/{@code
   * addXItem}, or (on an official-client model object) a fluent property setter {@code
   * labels(map)}.
   */
  public static boolean isMutator(String receiverType, String name, int arity) {
    if (arity >= 1 && name.length() > 3 && name.startsWith("set")
        && Character.isUpperCase(name.charAt(3))) {
      return true;
    }
    if (MUTATORS.contains(name) && (arity >= 1 || name.equals("clear") || name.startsWith("pop")
        || name.startsWith("poll") || name.startsWith("remove"))) {
      return true;
    }
    if ((name.startsWith("put") || name.startsWith("add")) && name.endsWith("Item")) {
      return true;
    }
    return receiverType != null && receiverType.startsWith(OFFICIAL_MODELS) && arity == 1
        && !name.startsWith("get") && !name.startsWith("is") && !name.equals("equals");
  }

  /** Calls on a collection of cached objects that hand out one of its elements. */
  private static final Set<String> ELEMENT_READS =
      Set.of(
          "get", "orElse", "orElseThrow", "orElseGet", "getFirst", "getLast", "next", "previous",
          "peek", "element", "first", "last", "getValue");

  /** Calls on a collection of cached objects that give another collection of the same objects. */
  private static final Set<String> COLLECTION_READS =
      Set.of(
          "stream", "filter", "sorted", "distinct", "limit", "skip", "findFirst", "findAny", "min",
          "max", "toList", "iterator", "listIterator", "values", "entrySet", "subList",
          "collect", "or", "reversed");

  /**
   * JDK static calls whose result holds their arguments as they are: an optional or a small list
   * of a cached object is a container of cached objects. {@code owner#name}.
   */
  private static final Set<String> WRAPPERS =
      Set.of(
          "java.util.Optional#of",
          "java.util.Optional#ofNullable",
          "java.util.List#of",
          "java.util.Set#of",
          "java.util.Collections#singletonList",
          "java.util.Collections#singleton",
          "java.util.Collections#unmodifiableList",
          "java.util.Collections#unmodifiableSet",
          "java.util.Collections#unmodifiableCollection",
          "java.util.stream.Stream#of");

  /** Whether the static call {@code owner#name} wraps its arguments in a container as they are. */
  public static boolean wrapsArguments(String owner, String name) {
    return owner != null && WRAPPERS.contains(owner + "#" + name);
  }

  /** Whether {@code name} on a container of cached objects returns one of them. */
  public static boolean readsElement(String name) {
    return ELEMENT_READS.contains(name);
  }

  /** Whether {@code name} on a container of cached objects returns another such container. */
  public static boolean readsElements(String name) {
    return COLLECTION_READS.contains(name);
  }

  /** Calls on a container of cached objects that run a function on each of them. */
  public static boolean passesElements(String name) {
    return name.equals("ifPresent") || name.equals("forEach") || name.equals("ifPresentOrElse");
  }

  private boolean isOneOf(String type, List<String> names) {
    if (type == null) {
      return false;
    }
    for (String n : names) {
      if (type.equals(n) || types.isSubtype(type, n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether objects read from a cache of type {@code cacheType} (a fabric8 cache) can be
   * deep-copied by a fix: the fix wraps the read in fabric8's own deep copy, which applies to
   * fabric8's model objects only, not to the official client's.
   */
  public static boolean hasDeepCopyFix(String cacheType) {
    return cacheType.startsWith("io.fabric8.");
  }
}
