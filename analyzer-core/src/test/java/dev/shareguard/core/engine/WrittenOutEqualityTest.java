package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.TypeRef;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.runtime.ObjectMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine's records whose {@code equals} and {@code hashCode} are written out (they are hash
 * keys of the thread walk, whose generated methods run through method handles, slow while cold)
 * behave exactly as the generated ones would: the same hash values, so that no hash-ordered
 * collection iterates in another order, and the same equality. The generated methods are made
 * here by the JDK's own bootstrap ({@link ObjectMethods}), on the JDK the tests run on.
 */
class WrittenOutEqualityTest {
  /** The files whose records write out their equality. */
  private static final List<Class<?>> FILES = List.of(AbsVal.class, AllocSite.class,
      LockId.class, HeldLock.class, Holding.class, Mark.class, TaskRoot.class, Location.class,
      Pos.class, TypeRef.class, MethodTarget.class, StoredClasses.class, FieldFacts.class,
      WalkMemo.class);

  /**
   * Records that write out a hash unlike the generated one on purpose: a walk memo mixes keys and
   * values (see its comment), and nothing iterates its set.
   */
  private static final Set<String> OWN_HASH = Set.of("Memo");

  @Test
  void writtenOutEqualityIsTheGeneratedOne() throws Throwable {
    List<Class<?>> records = writtenOut();
    assertTrue(records.size() >= 45, () -> "only " + names(records));
    for (Class<?> r : records) {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(r, MethodHandles.lookup());
      RecordComponent[] comps = r.getRecordComponents();
      MethodHandle[] getters = new MethodHandle[comps.length];
      for (int i = 0; i < comps.length; i++) {
        getters[i] = lookup.unreflect(comps[i].getAccessor());
      }
      String names = java.util.Arrays.stream(comps).map(RecordComponent::getName)
          .collect(Collectors.joining(";"));
      MethodHandle hash = generated(lookup, r, "hashCode",
          MethodType.methodType(int.class, r), names, getters);
      MethodHandle equals = generated(lookup, r, "equals",
          MethodType.methodType(boolean.class, r, Object.class), names, getters);
      Object base = make(r, -1);
      List<Object> others = new ArrayList<>(List.of(make(r, -1)));
      for (int i = 0; i < comps.length; i++) {
        others.add(make(r, i));
      }
      assertEquals((int) hash.invoke(base), base.hashCode(), r.getName());
      for (Object o : others) {
        assertEquals((int) hash.invoke(o), o.hashCode(), () -> r.getName() + " " + o);
        assertEquals((boolean) equals.invoke(base, o), base.equals(o), () -> r.getName() + " " + o);
        assertEquals((boolean) equals.invoke(o, base), o.equals(base), () -> r.getName() + " " + o);
      }
      assertTrue(base.equals(others.get(0)), r.getName());
      assertFalse(base.equals(null), r.getName());
      assertFalse(base.equals("another kind of value"), r.getName());
    }
  }

  /** The records of {@link #FILES} that declare their own {@code equals}. */
  private static List<Class<?>> writtenOut() {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> f : FILES) {
      List<Class<?>> all = new ArrayList<>(List.of(f));
      all.addAll(List.of(f.getDeclaredClasses()));
      for (Class<?> c : all) {
        if (c.isRecord() && !OWN_HASH.contains(c.getSimpleName()) && declaresEquals(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static boolean declaresEquals(Class<?> c) {
    try {
      c.getDeclaredMethod("equals", Object.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static MethodHandle generated(MethodHandles.Lookup lookup, Class<?> r, String name,
      MethodType type, String names, MethodHandle[] getters) throws Throwable {
    Object made = ObjectMethods.bootstrap(lookup, name, type, r, names, getters);
    return ((java.lang.invoke.CallSite) made).dynamicInvoker();
  }

  /**
   * An instance of record {@code r} made of sample values; component {@code changed} (none when
   * -1) takes another sample.
   */
  private static Object make(Class<?> r, int changed) throws ReflectiveOperationException {
    RecordComponent[] comps = r.getRecordComponents();
    Class<?>[] types = new Class<?>[comps.length];
    Object[] args = new Object[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      args[i] = sample(types[i], i == changed ? 1 : 0);
    }
    Constructor<?> ctor = r.getDeclaredConstructor(types);
    ctor.setAccessible(true);
    return ctor.newInstance(args);
  }

  /** Sample value {@code which} (0 or 1) of type {@code t}. */
  private static Object sample(Class<?> t, int which) throws ReflectiveOperationException {
    if (t == String.class) {
      return which == 0 ? "t.A" : "t.B";
    }
    if (t == int.class || t == Integer.class) {
      return which == 0 ? 3 : 7;
    }
    if (t == boolean.class) {
      return which == 1;
    }
    if (t.isEnum()) {
      return t.getEnumConstants()[which % t.getEnumConstants().length];
    }
    if (t == List.class) {
      return which == 0 ? List.of() : List.of(1);
    }
    if (t == Set.class) {
      return which == 0 ? Set.of() : Set.of(1);
    }
    if (t == Map.class) {
      return which == 0 ? Map.of() : Map.of("k", 1);
    }
    if (t.isRecord()) {
      // Another value of a record: every component changed.
      RecordComponent[] comps = t.getRecordComponents();
      Class<?>[] types = new Class<?>[comps.length];
      Object[] args = new Object[comps.length];
      for (int i = 0; i < comps.length; i++) {
        types[i] = comps[i].getType();
        args[i] = sample(types[i], which);
      }
      Constructor<?> ctor = t.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    }
    if (t.isSealed()) {
      // Two kinds of the sealed type, each a record with components to sample.
      List<Class<?>> kinds = new ArrayList<>();
      for (Class<?> k : t.getPermittedSubclasses()) {
        if (k.isRecord() && k.getRecordComponents().length > 0
            && !Modifier.isAbstract(k.getModifiers())
            && java.util.Arrays.stream(k.getRecordComponents()).noneMatch(c -> c.getType() == t)) {
          kinds.add(k);
        }
      }
      return sample(kinds.get(which % kinds.size()), which);
    }
    throw new AssertionError("no sample of " + t);
  }

  private static String names(List<Class<?>> records) {
    return records.stream().map(Class::getName).collect(Collectors.joining(", "));
  }
}
