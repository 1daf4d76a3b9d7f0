package dev.shareguard.core.model;

import dev.shareguard.core.config.Config;
import java.util.HashSet;
import java.util.Set;

/**
 * What library calls do to values, for the {@code copies} and {@code values} packs: which calls
 * copy a container or object shallowly (the copy holds the same element objects), which copy it
 * deeply by a serialization round trip, which return views or unmodifiable/immutable containers,
 * and which element types never change. Each table says why its entries are there; user config
 * adds immutable types.
 */
public final class CopyModels {
  /** A library method: its declaring (or receiver) type and its name; the key of the tables. */
  public record Method(String owner, String name) {
    /**
     * The record's hash, written out: the generated one goes through a method handle per call,
     * which the quick JIT the CLI runs with does not make cheap, and every call the copies
     * analysis meets asks the tables.
     */
    @Override
    public int hashCode() {
      return java.util.Objects.hashCode(owner) * 31 + java.util.Objects.hashCode(name);
    }

    /** The record's equality, written out for the same reason as {@link #hashCode}. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Method m && java.util.Objects.equals(owner, m.owner)
          && java.util.Objects.equals(name, m.name);
    }
  }

  private static Method m(String owner, String name) {
    return new Method(owner, name);
  }

  /** The methods {@code names} of {@code owner}: one group of a table. */
  private static java.util.List<Method> of(String owner, String... names) {
    return java.util.Arrays.stream(names).map(n -> new Method(owner, n)).toList();
  }

  /** A table made of groups of methods. */
  @SafeVarargs
  private static Set<Method> table(java.util.Collection<Method>... groups) {
    return java.util.Arrays.stream(groups).flatMap(java.util.Collection::stream)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * The copyOf families: static calls whose result is a new, unmodifiable container holding the
   * same element objects as their first argument (writes to it throw).
   */
  private static final Set<Method> UNMODIFIABLE_COPY_FACTORIES =
      table(
          of("java.util.List", "copyOf"),
          of("java.util.Set", "copyOf"),
          of("java.util.Map", "copyOf"),
          // Guava's copyOf copies the references into an immutable container, never the values.
          of("com.google.common.collect.ImmutableList", "copyOf"),
          of("com.google.common.collect.ImmutableSet", "copyOf"),
          of("com.google.common.collect.ImmutableMap", "copyOf"),
          of("com.google.common.collect.ImmutableSortedMap", "copyOf"),
          of("com.google.common.collect.ImmutableSortedSet", "copyOf"));

  /**
   * Static calls whose result is a new container holding the same element objects as their first
   * argument: a shallow copy. The {@link #UNMODIFIABLE_COPY_FACTORIES} and these:
   */
  private static final Set<Method> SHALLOW_COPY_FACTORIES =
      table(
          UNMODIFIABLE_COPY_FACTORIES,
          of("com.google.common.collect.Lists", "newArrayList", "newLinkedList"),
          of("com.google.common.collect.Sets", "newHashSet", "newLinkedHashSet"),
          of("com.google.common.collect.Maps", "newHashMap", "newLinkedHashMap", "newTreeMap"),
          // Arrays.copyOf of an object array copies the references, not the objects.
          of("java.util.Arrays", "copyOf", "copyOfRange"));

  /**
   * Static calls returning a read-only view of their first argument: later writes to the argument
   * show through the view, so it is not a snapshot.
   */
  private static final Set<Method> UNMODIFIABLE_VIEWS =
      table(
          of("java.util.Collections", "unmodifiableMap", "unmodifiableList", "unmodifiableSet",
              "unmodifiableCollection", "unmodifiableSortedMap", "unmodifiableSortedSet",
              "unmodifiableNavigableMap", "unmodifiableNavigableSet",
              "unmodifiableSequencedCollection", "unmodifiableSequencedMap",
              "unmodifiableSequencedSet"),
          // Guava's unmodifiable wrappers: just as live.
          of("com.google.common.collect.Maps", "unmodifiableNavigableMap", "unmodifiableBiMap"),
          of("com.google.common.collect.Sets", "unmodifiableNavigableSet"),
          of("com.google.common.collect.Multimaps", "unmodifiableMultimap",
              "unmodifiableListMultimap", "unmodifiableSetMultimap"));

  /**
   * Static calls returning a live, lazily computed view of their first argument that still
   * supports removal: Guava's transforming and filtering views.
   */
  private static final Set<Method> LIVE_VIEWS =
      table(
          of("com.google.common.collect.Maps", "transformValues", "transformEntries", "filterKeys",
              "filterValues"),
          of("com.google.common.collect.Lists", "transform"),
          of("com.google.common.collect.Collections2", "transform", "filter"),
          of("com.google.common.collect.Sets", "filter"));

  /**
   * Static calls that copy their first argument deeply (every reachable object anew), so nothing
   * is shared with the original; the serialization ones are also round trips, see {@link
   * #roundTripCall}.
   */
  private static final Set<Method> DEEP_COPIERS =
      table(
          of("org.apache.commons.lang3.SerializationUtils", "clone"),
          of("org.springframework.util.SerializationUtils", "clone"),
          of("org.apache.commons.lang3.SerializationUtils", "roundtrip"));

  /** Instance methods of deep-copy libraries (by receiver type): Kryo and java-deep-cloning. */
  private static final Set<Method> DEEP_COPY_METHODS =
      table(
          of("com.esotericsoftware.kryo.Kryo", "copy"),
          of("com.rits.cloning.Cloner", "deepClone"));

  /** Static factories whose result can never be changed: every write throws. */
  private static final Set<Method> IMMUTABLE_FACTORIES =
      table(
          of("java.util.List", "of"),
          of("java.util.Set", "of"),
          of("java.util.Map", "of", "ofEntries"),
          of("java.util.Collections", "emptyList", "emptySet", "emptyMap", "emptySortedSet",
              "emptySortedMap", "emptyNavigableSet", "emptyNavigableMap", "singletonList",
              "singleton", "singletonMap", "nCopies"),
          of("com.google.common.collect.ImmutableList", "of"),
          of("com.google.common.collect.ImmutableSet", "of"),
          of("com.google.common.collect.ImmutableMap", "of"));

  /**
   * The JDK's shared empty collections: immutable, but a removing call ({@link #REMOVALS}) finds
   * nothing to remove and returns without throwing ({@code Collections.emptyList().clear()} is
   * {@code AbstractList.clear()} over no element); only additions throw.
   */
  private static final Set<Method> EMPTY_FACTORIES =
      table(of("java.util.Collections", "emptyList", "emptySet", "emptyMap", "emptySortedSet",
          "emptySortedMap", "emptyNavigableSet", "emptyNavigableMap"));

  /** Calls that only remove elements: no-ops on an empty JDK collection. */
  private static final Set<String> REMOVALS =
      Set.of("clear", "remove", "removeAll", "retainAll", "removeIf");

  /**
   * Fixed-size lists: {@code set} works, but every call that changes the size throws
   * UnsupportedOperationException.
   */
  private static final Set<Method> FIXED_SIZE_FACTORIES = table(of("java.util.Arrays", "asList"));

  /** Calls that change a list's, set's or map's size: they throw on a fixed-size list. */
  private static final Set<String> STRUCTURAL_WRITES =
      Set.of(
          "add", "addAll", "remove", "removeAll", "retainAll", "removeIf", "clear", "addFirst",
          "addLast", "removeFirst", "removeLast");

  /**
   * Reflective bean copiers: they copy each property's reference from one bean to another, so
   * nested collections and objects end up shared. Value: the index of the SOURCE argument (Spring
   * takes (source, target); Apache Commons takes (dest, orig)).
   */
  private static final java.util.Map<Method, Integer> BEAN_COPIERS =
      java.util.Map.of(
          m("org.springframework.beans.BeanUtils", "copyProperties"), 0,
          m("org.apache.commons.beanutils.BeanUtils", "copyProperties"), 1,
          m("org.apache.commons.beanutils.PropertyUtils", "copyProperties"), 1,
          m("org.apache.commons.beanutils.BeanUtilsBean", "copyProperties"), 1);

  /**
   * Serialization round trips that make a deep copy through bytes or text: what the format cannot
   * carry (transient fields, fields without accessors, locks, thread locals) is lost or fails.
   */
  public enum RoundTrip {
    JACKSON("a Jackson round trip"),
    GSON("a Gson round trip"),
    JAVA_SERIALIZATION("a Java serialization round trip");

    private final String description;

    RoundTrip(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** Calls that turn a value into bytes or text (subclasses of the owner count too). */
  private static final java.util.Map<Method, RoundTrip> SERIALIZERS =
      java.util.Map.of(
          m("com.fasterxml.jackson.databind.ObjectMapper", "writeValueAsString"), RoundTrip.JACKSON,
          m("com.fasterxml.jackson.databind.ObjectMapper", "writeValueAsBytes"), RoundTrip.JACKSON,
          m("com.fasterxml.jackson.databind.ObjectWriter", "writeValueAsString"), RoundTrip.JACKSON,
          m("com.fasterxml.jackson.databind.ObjectWriter", "writeValueAsBytes"), RoundTrip.JACKSON,
          m("com.google.gson.Gson", "toJson"), RoundTrip.GSON,
          m("org.apache.commons.lang3.SerializationUtils", "serialize"),
          RoundTrip.JAVA_SERIALIZATION);

  /** Calls that make a new object from what a {@link #SERIALIZERS} call made. */
  private static final java.util.Map<Method, RoundTrip> DESERIALIZERS =
      java.util.Map.of(
          m("com.fasterxml.jackson.databind.ObjectMapper", "readValue"), RoundTrip.JACKSON,
          m("com.fasterxml.jackson.databind.ObjectReader", "readValue"), RoundTrip.JACKSON,
          m("com.google.gson.Gson", "fromJson"), RoundTrip.GSON,
          m("org.apache.commons.lang3.SerializationUtils", "deserialize"),
          RoundTrip.JAVA_SERIALIZATION);

  /** Calls that serialize and deserialize in one go: a deep copy by a round trip. */
  private static final java.util.Map<Method, RoundTrip> ROUND_TRIP_CALLS =
      java.util.Map.of(
          m("org.apache.commons.lang3.SerializationUtils", "clone"), RoundTrip.JAVA_SERIALIZATION,
          m("org.springframework.util.SerializationUtils", "clone"), RoundTrip.JAVA_SERIALIZATION,
          m("com.fasterxml.jackson.databind.ObjectMapper", "convertValue"), RoundTrip.JACKSON);

  /**
   * Element types whose instances never change: a shallow copy of a container of these is a full
   * copy. Boxed primitives, String, java.time values, big numbers and the like.
   */
  private static final Set<String> IMMUTABLE_VALUE_TYPES =
      Set.of(
          "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short",
          "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Double",
          "java.lang.Float", "java.lang.Number", "java.lang.Class", "java.lang.Enum",
          "java.lang.Void", "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID",
          "java.util.Locale", "java.util.Optional", "java.util.OptionalInt",
          "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.regex.Pattern",
          "java.net.URI", "java.net.InetAddress", "java.nio.file.Path", "java.io.File",
          "java.nio.charset.Charset", "java.util.Currency", "java.time.ZoneId");

  /** Packages whose value types are all immutable. */
  private static final Set<String> IMMUTABLE_PACKAGES = Set.of("java.time");

  /**
   * Element types that are mutable containers or mutable values: changing one through a shallow
   * copy changes it for the original too.
   */
  private static final Set<String> MUTABLE_VALUE_TYPES =
      Set.of(
          "java.util.Collection", "java.util.Map", "java.util.Iterator", "java.lang.StringBuilder",
          "java.lang.StringBuffer", "java.util.Date", "java.util.Calendar", "java.util.BitSet",
          "java.util.Properties");

  /**
   * Container calls whose result is a value held in the container (the same object, not a copy):
   * a map's or list's getters, a deque's or sorted set's ends, a navigable map's entries, an
   * iterator's next element.
   */
  private static final Set<String> ELEMENT_GETTERS =
      Set.of(
          "get", "getOrDefault", "computeIfAbsent", "computeIfPresent", "compute", "first",
          "last", "getFirst", "getLast", "peek", "element", "firstEntry", "lastEntry", "next",
          "floorEntry", "ceilingEntry", "higherEntry", "lowerEntry");

  /** Map calls whose first argument becomes a key of the map (found later by its hash). */
  private static final Set<String> KEYING_MAP_CALLS =
      Set.of("put", "putIfAbsent", "computeIfAbsent", "compute", "merge");

  /**
   * Stream steps whose elements are the same objects as their input's: they drop, reorder or
   * look at elements, never map them to new ones.
   */
  private static final Set<String> SAME_ELEMENT_STREAM_STEPS =
      Set.of("filter", "sorted", "distinct", "limit", "skip", "peek", "sequential", "unordered");

  /**
   * {@code Collectors} factories whose result holds the stream's elements in a new container: a
   * shallow copy of the stream's source (unmodifiable for the {@code toUnmodifiable} ones).
   */
  private static final Set<String> COLLECTING =
      Set.of("toList", "toSet", "toCollection", "toUnmodifiableList", "toUnmodifiableSet");

  private final TypeHierarchy types;
  private final Set<String> extraImmutable;

  public CopyModels(TypeHierarchy types, Config config) {
    this.types = types;
    this.extraImmutable = new HashSet<>(config.extraImmutableTypes());
  }

  public TypeHierarchy types() {
    return types;
  }

  public boolean isShallowCopyFactory(String owner, String name) {
    return isTableName(name) && SHALLOW_COPY_FACTORIES.contains(new Method(owner, name));
  }

  public boolean isUnmodifiableCopyFactory(String owner, String name) {
    return isTableName(name) && UNMODIFIABLE_COPY_FACTORIES.contains(new Method(owner, name));
  }

  public boolean isUnmodifiableView(String owner, String name) {
    return isTableName(name) && UNMODIFIABLE_VIEWS.contains(new Method(owner, name));
  }

  /**
   * Whether the call copies its first argument deeply ({@code SerializationUtils.clone}, {@code
   * Kryo.copy}, {@code Cloner.deepClone}): the result shares nothing with the argument.
   */
  public boolean isDeepCopy(String owner, String name) {
    if (!isTableName(name)) {
      return false;
    }
    Method key = new Method(owner, name);
    return DEEP_COPIERS.contains(key) || DEEP_COPY_METHODS.contains(key);
  }

  public boolean isLiveView(String owner, String name) {
    return isTableName(name) && LIVE_VIEWS.contains(new Method(owner, name));
  }

  public boolean isImmutableFactory(String owner, String name) {
    return isTableName(name) && IMMUTABLE_FACTORIES.contains(new Method(owner, name));
  }

  /** Whether {@code owner.name()} returns one of the JDK's shared empty collections. */
  public boolean isEmptyFactory(String owner, String name) {
    return isTableName(name) && EMPTY_FACTORIES.contains(new Method(owner, name));
  }

  /**
   * JDK classes projects commonly extend that neither implement {@code Cloneable} nor have a
   * superclass that does: {@code Object.clone()} on an object whose class chain ends in one of
   * them (and adds no {@code Cloneable}) throws {@code CloneNotSupportedException}.
   */
  private static final Set<String> NEVER_CLONEABLE = Set.of(
      "java.lang.ClassLoader", "java.security.SecureClassLoader", "java.net.URLClassLoader",
      "java.lang.Thread", "java.lang.Throwable", "java.lang.Exception",
      "java.lang.RuntimeException", "java.lang.Error", "java.io.InputStream",
      "java.io.OutputStream", "java.io.Reader", "java.io.Writer", "java.io.FilterInputStream",
      "java.io.FilterOutputStream", "java.util.TimerTask", "java.util.EventObject",
      "java.lang.Number", "java.lang.Enum", "java.lang.Record");

  /** Whether JDK class {@code type} is one of {@link #NEVER_CLONEABLE}. */
  public static boolean neverCloneable(String type) {
    return NEVER_CLONEABLE.contains(type);
  }

  /**
   * Whether map call {@code name} may insert an entry for a key it was given (a {@code put}, a
   * {@code putAll}, a {@code computeIfAbsent} …), as against calls that only remove or replace.
   */
  public static boolean mayInsertAKey(String name) {
    return KEYING_MAP_CALLS.contains(name) || name.equals("putAll");
  }

  /** Whether container call {@code name} only removes elements (a no-op when there is none). */
  public static boolean onlyRemoves(String name) {
    return REMOVALS.contains(name);
  }

  public boolean isFixedSizeFactory(String owner, String name) {
    return isTableName(name) && FIXED_SIZE_FACTORIES.contains(new Method(owner, name));
  }

  /** Whether {@code name} changes a container's size (throws on a fixed-size list). */
  public boolean isStructuralWrite(String name) {
    return STRUCTURAL_WRITES.contains(name);
  }

  /** The index of the source argument of a reflective bean copier, or -1 if it is none. */
  public int beanCopierSource(String owner, String name) {
    return isTableName(name) ? BEAN_COPIERS.getOrDefault(new Method(owner, name), -1) : -1;
  }

  /**
   * The method names of the call tables above: a call by any other name (nearly every call the
   * copies analysis meets) is answered without making a key.
   */
  private static final Set<String> TABLE_NAMES = tableNames();

  private static Set<String> tableNames() {
    Set<String> out = new HashSet<>();
    for (Set<Method> t : java.util.List.of(SHALLOW_COPY_FACTORIES, UNMODIFIABLE_COPY_FACTORIES,
        UNMODIFIABLE_VIEWS, LIVE_VIEWS, IMMUTABLE_FACTORIES, FIXED_SIZE_FACTORIES, DEEP_COPIERS,
        DEEP_COPY_METHODS, BEAN_COPIERS.keySet())) {
      for (Method k : t) {
        out.add(k.name());
      }
    }
    return Set.copyOf(out);
  }

  private static boolean isTableName(String name) {
    return name != null && TABLE_NAMES.contains(name);
  }

  /** The serialization call that turns a value into bytes or text, or null. */
  public RoundTrip serializer(String owner, String name) {
    return lookup(SERIALIZERS, owner, name);
  }

  /** The deserialization call matching {@link #serializer}, or null. */
  public RoundTrip deserializer(String owner, String name) {
    return lookup(DESERIALIZERS, owner, name);
  }

  /** A call that is a whole round trip by itself ({@code SerializationUtils.clone}), or null. */
  public RoundTrip roundTripCall(String owner, String name) {
    return lookup(ROUND_TRIP_CALLS, owner, name);
  }

  /**
   * The method names of the round-trip tables: a call by any other name (nearly every call) is
   * answered without walking the owner's supertypes.
   */
  private static final java.util.Set<String> ROUND_TRIP_NAMES = namesOf(
      java.util.List.of(SERIALIZERS, DESERIALIZERS, ROUND_TRIP_CALLS));

  private static java.util.Set<String> namesOf(
      java.util.List<java.util.Map<Method, RoundTrip>> tables) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (java.util.Map<Method, RoundTrip> t : tables) {
      for (Method k : t.keySet()) {
        out.add(k.name());
      }
    }
    return java.util.Set.copyOf(out);
  }

  /** {@code owner.name} in {@code table}, for the owner or any of its known supertypes. */
  private RoundTrip lookup(java.util.Map<Method, RoundTrip> table, String owner, String name) {
    if (owner == null || name == null || !ROUND_TRIP_NAMES.contains(name)) {
      return null;
    }
    for (String t : types.supertypesOf(owner)) {
      RoundTrip r = table.get(new Method(t, name));
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** Whether values of library type {@code name} never change after construction. */
  public boolean isImmutableLibraryType(String name) {
    if (name == null) {
      return false;
    }
    if (IMMUTABLE_VALUE_TYPES.contains(name) || types.isSubtypeOfAny(name, extraImmutable)) {
      return true;
    }
    if (name.startsWith("com.google.common.collect.Immutable")) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMMUTABLE_PACKAGES.contains(name.substring(0, dot));
  }

  /** Whether values of library type {@code name} are mutable containers or mutable values. */
  public boolean isMutableLibraryType(String name) {
    if (name == null || isImmutableLibraryType(name)) {
      return false;
    }
    return types.isSubtypeOfAny(name, MUTABLE_VALUE_TYPES);
  }

  /** Hash-based maps and sets: their entries are found by the key's hashCode and equals. */
  public boolean isHashBased(String type) {
    if (type == null || type.equals("java.util.IdentityHashMap")) {
      return false;
    }
    return types.isSubtypeOfAny(
        type,
        Set.of(
            "java.util.HashMap", "java.util.HashSet", "java.util.Hashtable",
            "java.util.concurrent.ConcurrentHashMap", "java.util.WeakHashMap",
            "com.google.common.collect.HashMultimap", "com.google.common.collect.ImmutableMap",
            "com.google.common.collect.ImmutableSet"))
        || type.equals("java.util.LinkedHashMap")
        || type.equals("java.util.LinkedHashSet");
  }

  /** Whether container call {@code name} returns a value held in the container itself. */
  public boolean isElementGetter(String name) {
    return ELEMENT_GETTERS.contains(name);
  }

  /** Whether map call {@code name} makes its first argument a key of the map. */
  public boolean isKeyingMapCall(String name) {
    return KEYING_MAP_CALLS.contains(name);
  }

  /** Whether stream step {@code name} keeps the same element objects. */
  public boolean keepsStreamElements(String name) {
    return SAME_ELEMENT_STREAM_STEPS.contains(name);
  }

  /** Whether {@code Collectors.name(…)} collects the stream's elements into a new container. */
  public boolean isCollectingCollector(String name) {
    return COLLECTING.contains(name);
  }

  /**
   * Whether {@code name} is a JavaBeans setter ({@code setX}): on a value of an unanalysed class,
   * a one-argument setter returning nothing or the object itself is taken to change the object.
   */
  public static boolean isSetterName(String name) {
    return name.length() > 3 && name.startsWith("set") && Character.isUpperCase(name.charAt(3));
  }

  /**
   * Whether {@code name} is a wither ({@code withX}): returning the receiver's type, it makes a
   * changed copy of an immutable value rather than changing it.
   */
  public static boolean isWitherName(String name) {
    return name.length() > 4 && name.startsWith("with") && Character.isUpperCase(name.charAt(4));
  }

  /**
   * Annotations (Lombok's) that generate equals/hashCode over all non-static, non-transient
   * fields, so every such field is part of the value's identity in a hash container.
   */
  private static final Set<String> GENERATED_EQUALITY = Set.of("Data", "Value", "EqualsAndHashCode");

  /** Whether annotation {@code simpleName} generates equals/hashCode over the fields. */
  public static boolean generatesEquality(String simpleName) {
    return GENERATED_EQUALITY.contains(simpleName);
  }

  /** Container interfaces (simple names): a copy needs a concrete class. */
  private static final Set<String> CONTAINER_INTERFACES =
      Set.of("List", "Map", "Set", "Collection", "SortedMap", "SortedSet", "NavigableMap",
          "NavigableSet", "Queue", "Deque");

  /**
   * The concrete class a copy of a container declared as interface {@code simpleName} is made
   * with ({@code HashMap}, {@code HashSet}, {@code ArrayList}), or null when it is no container
   * interface.
   */
  public static String copyClassFor(String simpleName) {
    if (!CONTAINER_INTERFACES.contains(simpleName)) {
      return null;
    }
    return simpleName.endsWith("Map") ? "HashMap" : simpleName.endsWith("Set") ? "HashSet"
        : "ArrayList";
  }

  /** Whether {@code type} is a lock of {@code java.util.concurrent.locks}: shared, never copied. */
  public static boolean isLockType(String type) {
    return type.startsWith("java.util.concurrent.locks.");
  }

  /**
   * Whether {@code type} is a library container or value class that is not thread-safe: the
   * collections of {@code java.util} (not {@code java.util.concurrent}) and Guava's.
   */
  public static boolean isPlainLibraryContainer(String type) {
    return type.startsWith("java.util.") && !type.startsWith("java.util.concurrent")
        || type.startsWith("com.google.common.collect.");
  }

  /** Map views: live like an unmodifiable wrapper, and just as often mistaken for a copy. */
  private static final Set<String> MAP_VIEWS = Set.of("keySet", "values", "entrySet");

  /** Whether {@code method} returns a live view of a map. */
  public static boolean isMapView(String method) {
    return MAP_VIEWS.contains(method);
  }

  /**
   * The methods of the JDK's {@code Map}, {@code SortedMap}, {@code NavigableMap}, {@code List},
   * {@code SortedSet} and {@code NavigableSet} whose contracts require a view backed by the
   * collection (changes show through), by name and arity: a class implementing one of those
   * interfaces must return a live view from them.
   */
  private static final Set<String> CONTRACT_VIEWS =
      Set.of("keySet/0", "values/0", "entrySet/0", "navigableKeySet/0", "descendingKeySet/0",
          "descendingMap/0", "headMap/1", "headMap/2", "tailMap/1", "tailMap/2", "subMap/2",
          "subMap/4", "subList/2", "headSet/1", "headSet/2", "tailSet/1", "tailSet/2", "subSet/2",
          "subSet/4", "descendingSet/0", "iterator/0", "listIterator/0", "listIterator/1",
          "descendingIterator/0", "spliterator/0");

  /**
   * Whether a method so named, with {@code arity} parameters, of a class implementing {@code
   * java.util.Map} or {@code java.util.Collection} is one whose contract requires a live view (a
   * map's key set, a list's sub-list, a collection's own iterator).
   */
  public static boolean isContractView(String method, int arity) {
    return CONTRACT_VIEWS.contains(method + "/" + arity);
  }

  /** Calls that keep their argument object (not a copy of its elements). */
  private static final Set<String> STORING_CALLS =
      Set.of("add", "put", "offer", "push", "addFirst", "addLast", "putIfAbsent", "set");

  /**
   * Whether a call named {@code method} keeps its argument itself: {@code add(view)}, {@code
   * put(k, view)}, a setter; {@code addAll}/{@code putAll} copy it instead.
   */
  public static boolean keepsArgument(String method) {
    return STORING_CALLS.contains(method) || isSetterName(method);
  }

  /**
   * Whether a call {@code value.name(…)} with {@code arity} arguments is the value's own copy
   * method: {@code Object.clone()}, or the {@code copy()} convention (a fresh object of the same
   * kind, with its own state).
   */
  public static boolean isOwnCopyCall(String name, int arity) {
    return arity == 0 && ("clone".equals(name) || "copy".equals(name));
  }

  /**
   * Whether a container call named {@code method} copies the elements of its argument into the
   * receiver ({@code addAll}, {@code putAll}): the receiver gets its own copy of them.
   */
  public static boolean copiesArgumentContents(String method) {
    return "addAll".equals(method) || "putAll".equals(method);
  }

  /** Whether values of {@code type} belong to one thread and cannot be carried by a copy. */
  public static boolean isThreadLocalType(String type) {
    return type.equals("java.lang.ThreadLocal") || type.equals("java.lang.InheritableThreadLocal");
  }
}
