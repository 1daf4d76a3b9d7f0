package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Call targets: the analysed methods a call may run (its static target and analysed overrides,
 * bounded, less those of classes the receiver cannot be), and the body a task or callback value
 * runs, with the frame it runs in.
 */
final class Dispatch {
  /** Overrides followed at one virtual call; more are cut to keep walks bounded. */
  private static final int MAX_DISPATCH_TARGETS = 8;

  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;

  Dispatch(ProgramIndex index, LibraryModels models, FieldFacts fieldFacts) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
  }

  /**
   * Each call's static target, looked up once: the walk asks at every walk of the calling body
   * (and the order questions at each call again). By identity; one entry per call the walk
   * meets, kept for the walk's life. The walk is single-threaded, and so is this.
   */
  private final Map<RawCall, MethodDecl> resolved = new java.util.IdentityHashMap<>();

  /** The analysed method a call statically names, or null. */
  MethodDecl resolvedMethod(RawCall c) {
    MethodDecl m = resolved.get(c);
    if (m == null && !resolved.containsKey(c)) {
      m = lookUp(c);
      resolved.put(c, m);
    }
    return m;
  }

  private MethodDecl lookUp(RawCall c) {
    if (c.call() != null) {
      return index.calledMethod(c.call());
    }
    return index.findMethod(c.target().owner(), MethodDecl.CONSTRUCTOR, c.target().arity(),
        c.target().paramTypes());
  }

  /**
   * The methods a call of {@code m} may run: {@code m} and its analysed overrides
   * (class-hierarchy analysis, bounded), less those of classes the receiver cannot be when
   * {@code held} (the classes it can be) is known.
   */
  List<MethodDecl> dispatchTargets(RawCall c, MethodDecl m, Set<String> held) {
    List<MethodDecl> targets = new ArrayList<>();
    if (m.body() != null) {
      targets.add(m);
    }
    if (c.call() != null && !m.isPrivate()) {
      for (MethodDecl o : index.overrides(m, c.call().receiver())) {
        if (targets.size() < MAX_DISPATCH_TARGETS) {
          targets.add(o);
        }
      }
    }
    if (held != null && !m.isStatic() && !m.isConstructor()) {
      // No object the receiver can be is of such a class: its override never runs here.
      targets.removeIf(t -> {
        ClassDecl tc = index.ownerOf(t);
        return tc != null && held.stream().noneMatch(h -> index.hierarchy().isSubtype(h, tc.id()));
      });
    }
    return targets;
  }

  /**
   * The analysed {@code Thread} subclass whose object {@code x.start()} starts ({@code x}'s
   * declared type), or null for any other call.
   */
  String startedThreadClass(RawCall c) {
    dev.shareguard.core.ir.Expr.Call call = c.call();
    if (call == null || !call.target().name().equals("start") || !call.args().isEmpty()
        || call.receiver() == null || call.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef) {
      return null;
    }
    return analysedThreadClass(call.receiver());
  }

  /** The analysed {@code Thread} subclass that is {@code e}'s declared type, or null. */
  String analysedThreadClass(dev.shareguard.core.ir.Expr e) {
    TypeRef t = e.type();
    return t != null && t.kind() == TypeRef.Kind.CLASS && index.isProjectClass(t.name())
        && models.isThreadSubclass(t.name()) ? t.name() : null;
  }

  /**
   * The classes the object a call is made on can be, when known: a fresh object's class, or the
   * classes of every object ever stored in the field it is read from (of an object the analysed
   * code made, when the path says so); null when unknown.
   */
  Set<String> heldClasses(AbsVal recv) {
    if (recv instanceof AbsVal.Alloc a && index.isProjectClass(a.type())) {
      return Set.of(a.type());
    }
    if (recv instanceof AbsVal.Anon an) {
      return Set.of(an.classId());
    }
    if (recv instanceof AbsVal.Field fd) {
      boolean made = fd.base() instanceof AbsVal.Alloc
          || (fd.base() instanceof AbsVal.Field b
              && fieldFacts.storedClasses(b.owner(), b.field()) != null);
      return made
          ? fieldFacts.storedClassesOfMadeObject(fd.owner(), fd.field())
          : fieldFacts.storedClasses(fd.owner(), fd.field());
    }
    return null;
  }

  /** {@link #classAndSubclasses}, per class: asked at every call on an unplaced own object. */
  private final Map<String, Set<String>> withSubclasses = new HashMap<>();

  /**
   * {@code classId} and every analysed class that is a subtype of it: the classes an object whose
   * static class is {@code classId} can be.
   */
  Set<String> classAndSubclasses(String classId) {
    return withSubclasses.computeIfAbsent(classId, id -> {
      Set<String> out = new java.util.HashSet<>();
      out.add(id);
      for (ClassDecl c : index.subclassesOf(id)) {
        out.add(c.id());
      }
      return Set.copyOf(out);
    });
  }

  /**
   * The subclass the callee's {@code this} is known to be, beyond the callee's own class: a call on
   * this object keeps what the caller knew (a method of {@code ClientCnxnSocket} run from {@code
   * ClientCnxnSocketNIO.doIO()} runs on an NIO socket). Null otherwise: a call dispatched to an
   * override already runs in the override's class.
   */
  String calleeThisClass(RawCall c, ClassDecl calleeClass, Frame f) {
    if (calleeClass == null || c.call() == null) {
      return null;
    }
    if (c.call().receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef t && !t.isSuper()) {
      String known = f.thisClass() != null && index.hierarchy().isSubtype(f.thisClass(), t.classId())
          ? f.thisClass() : t.classId();
      return !known.equals(calleeClass.id()) && index.hierarchy().isSubtype(known, calleeClass.id())
          ? known : null;
    }
    return null;
  }

  /**
   * The body a task or callback value runs, with its frame. {@code objectClass}: the class of the
   * object whose task method it is, when known and a subclass of the class declaring that method
   * (an anonymous {@code Thread} subclass running an inherited {@code run()}): calls on {@code
   * this} there dispatch from it. Else null.
   */
  record Target(String bodyId, Map<String, AbsVal> thisOf, Map<String, AbsVal> params,
      Map<String, AbsVal> captured, String rootClass, String objectClass) {
    Target(String bodyId, Map<String, AbsVal> thisOf, Map<String, AbsVal> params,
        Map<String, AbsVal> captured, String rootClass) {
      this(bodyId, thisOf, params, captured, rootClass, null);
    }
  }

  /** {@code objectClass} when {@code m} is inherited by it, else null (see {@link Target}). */
  private String inheritedBy(String objectClass, MethodDecl m) {
    ClassDecl owner = index.ownerOf(m);
    return owner != null && !owner.id().equals(objectClass) ? objectClass : null;
  }

  Target codeTarget(AbsVal code) {
    if (code instanceof AbsVal.Bound b) {
      if (b.code() instanceof AbsVal.Closure cl) {
        return new Target(cl.lambdaId(), b.thisOf(), Map.of(), b.captured(), null);
      }
      if (b.code() instanceof AbsVal.Anon an) {
        ClassDecl c = index.classById(an.classId());
        if (c == null) {
          return null;
        }
        MethodDecl m = index.findMethod(c.id(), models.taskMethodOf(c.id()), 0, List.of());
        if (m == null) {
          m = firstZeroArgMethod(c);
        }
        if (m == null) {
          return null;
        }
        Map<String, AbsVal> thisOf = new HashMap<>(b.thisOf());
        thisOf.put(c.id(), an);
        return new Target(index.bodyIdOf(m), thisOf, Map.of(), b.captured(), c.id(),
            inheritedBy(c.id(), m));
      }
      return null;
    }
    if (code instanceof AbsVal.MethodRefVal mr) {
      String owner = mr.target().owner();
      if (mr.receiver() instanceof AbsVal.This t && !index.isProjectClass(owner)) {
        owner = t.classId();
      }
      MethodDecl m = index.findMethod(owner, mr.target().name(), mr.target().arity(),
          mr.target().paramTypes());
      if (m == null || m.body() == null) {
        return null;
      }
      Map<String, AbsVal> thisOf = new HashMap<>();
      ClassDecl c = index.ownerOf(m);
      if (mr.receiver() != null && c != null) {
        thisOf.put(c.id(), mr.receiver());
      } else if (c != null && !m.isStatic()) {
        // An unbound reference (Acks::merge) runs on the object the API passes first: unknown
        // here, not the class's shared instance.
        thisOf.put(c.id(), AbsVal.UNKNOWN);
      }
      return new Target(index.bodyIdOf(m), thisOf, Map.of(), Map.of(), null);
    }
    if (code instanceof AbsVal.Field held) {
      // A task object kept in a field (pool.execute(dispatcher)): the one analysed class the
      // field ever holds runs its task method on that object.
      Set<String> classes = fieldFacts.storedClasses(held.owner(), held.field());
      if (classes == null || classes.size() != 1) {
        return null;
      }
      String type = classes.iterator().next();
      MethodDecl m = index.isProjectClass(type)
          ? index.findMethod(type, models.taskMethodOf(type), 0, List.of()) : null;
      if (m == null || m.body() == null) {
        return null;
      }
      return new Target(index.bodyIdOf(m), Map.of(type, held), Map.of(), Map.of(), null,
          inheritedBy(type, m));
    }
    if (code instanceof AbsVal.This t && index.isProjectClass(t.classId())) {
      // An object handing itself over as the task ({@code new Thread(this).start()}): its task
      // method runs on that very object, whose fields its other methods share.
      MethodDecl m = index.findMethod(t.classId(), models.taskMethodOf(t.classId()), 0, List.of());
      ClassDecl c = m == null || m.body() == null || m.isStatic() ? null : index.ownerOf(m);
      if (c == null) {
        return null;
      }
      Map<String, AbsVal> thisOf = new HashMap<>();
      thisOf.put(t.classId(), t);
      thisOf.put(c.id(), t);
      return new Target(index.bodyIdOf(m), thisOf, Map.of(), Map.of(), null,
          inheritedBy(t.classId(), m));
    }
    if (code instanceof AbsVal.Alloc a && index.isProjectClass(a.type())) {
      MethodDecl m = index.findMethod(a.type(), models.taskMethodOf(a.type()), 0, List.of());
      if (m == null || m.body() == null) {
        return null;
      }
      // A task object's own fields: one abstract instance of its class (see Ctx.Task.rootClass).
      return new Target(index.bodyIdOf(m), Map.of(), Map.of(), Map.of(), a.type(),
          inheritedBy(a.type(), m));
    }
    return null;
  }

  private static MethodDecl firstZeroArgMethod(ClassDecl c) {
    for (MethodDecl m : c.methods()) {
      if (m.params().isEmpty() && m.body() != null && !m.isInitializer()) {
        return m;
      }
    }
    return null;
  }
}
