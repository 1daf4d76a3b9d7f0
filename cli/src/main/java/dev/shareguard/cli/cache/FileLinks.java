package dev.shareguard.cli.cache;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.model.TypeHierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What one lowered file tells the partition of a program into parts that cannot change each other's
 * findings ({@link Components}), small enough to keep in the cache beside the file's IR so that a
 * warm run need not read the IR of a file it does not analyse again.
 *
 * <p>The engine finds everything it knows about another class through a name written in the IR: a
 * supertype, a field's or local's type, a call's owner, a {@code new}, an annotation, a body id
 * ({@code C#m(..)}, {@code C$lambda$1}), a field key. So {@link #names} holds every string of the
 * file's IR, cut into dotted names and every prefix of those at a {@code .} or {@code $} ({@code
 * a.b.C$1} gives {@code a}, {@code a.b}, {@code a.b.C}, {@code a.b.C$1}), each library type's
 * supertypes and unrelocated name as the engine's tables know them (a project class that declares
 * such a type changes what the library type is a subtype of), and {@code Owner#field} for each
 * field access. It is kept as 64-bit hashes: a collision only joins two parts, never splits one.
 *
 * <p>A few facts the engine gathers over the whole program without naming a class ({@link
 * #effects}, per class of the file, as only the first class of an id counts): a {@code this(…)} or
 * {@code super(…)} call whose class is not resolved makes every constructor of that arity open; a
 * constructor reference whose class is not resolved makes every constructor open; a store into a
 * field of an unresolved class may be into any field so named. And a store into a field of a class
 * not in the file ({@link #fieldWrites}: a library class's public field, a static map of another
 * class) is summed with every other store into it, wherever that is.
 *
 * @param irDigest the digest of the file's IR, as the cache encodes it
 * @param classIds the ids of the file's classes, in the file's order
 * @param effects for each of {@link #classIds}, its program-wide effects: {@code arity:N}, {@code
 *     ctor-ref}, {@code store:NAME}
 * @param fieldWrites {@code Owner#field} of each field the file stores into or calls a method on,
 *     of a class the file does not declare
 * @param names the sorted, distinct hashes ({@link #hash}) of every name the file's IR holds
 */
public record FileLinks(
    String path,
    String packageName,
    String irDigest,
    List<String> classIds,
    List<List<String>> effects,
    List<String> fieldWrites,
    long[] names) {

  public FileLinks {
    classIds = List.copyOf(classIds);
    effects = effects.stream().map(List::copyOf).toList();
    fieldWrites = List.copyOf(fieldWrites);
    if (effects.size() != classIds.size()) {
      throw new IllegalArgumentException("one list of effects per class");
    }
  }

  /** The effect of a {@code this(…)}/{@code super(…)} call of unresolved class, by arity. */
  static final String ARITY = "arity:";

  /** The effect of a constructor reference of unresolved class. */
  static final String CTOR_REF = "ctor-ref";

  /** The effect of a store into field NAME of an unresolved class. */
  static final String STORE = "store:";

  /**
   * The library types' supertypes as the engine's tables give them, with no program class: a name's
   * closure here is what a whole program's hierarchy adds to it besides program classes.
   */
  private static final TypeHierarchy TABLES = new TypeHierarchy(List.of());

  /**
   * The links of {@code file}, whose IR has the digest {@code irDigest} and holds the distinct
   * {@code strings} (as the cache's encoding found them).
   */
  public static FileLinks of(SourceFile file, String irDigest, Set<String> strings) {
    Set<String> own = new java.util.HashSet<>();
    List<String> ids = new ArrayList<>();
    for (ClassDecl c : file.classes()) {
      ids.add(c.id());
      own.add(c.id());
    }
    Set<String> names = new java.util.HashSet<>();
    strings.forEach(s -> addNames(s, names));
    Set<String> writes = new TreeSet<>();
    List<List<String>> effects = new ArrayList<>();
    for (ClassDecl c : file.classes()) {
      Set<String> e = new TreeSet<>();
      Consumer<Expr> visit = x -> visit(x, own, names, writes, e);
      for (FieldDecl f : c.fields()) {
        IrWalker.forEachExpr(f.initializer(), visit);
      }
      for (MethodDecl m : c.methods()) {
        if (m.body() != null) {
          IrWalker.forEachExpr(m.body(), visit);
        }
      }
      effects.add(List.copyOf(e));
    }
    synchronized (TABLES) {
      for (String n : List.copyOf(names)) {
        if (n.indexOf('.') > 0) {
          for (String sup : TABLES.supertypesOf(n)) {
            addNames(sup, names);
          }
        }
      }
    }
    long[] hashes = names.stream().mapToLong(FileLinks::hash).sorted().distinct().toArray();
    return new FileLinks(
        file.path(),
        file.packageName() == null ? "" : file.packageName(),
        irDigest,
        ids,
        effects,
        List.copyOf(writes),
        hashes);
  }

  /**
   * Notes what one expression adds: its field key, and a store or call into a field of a class the
   * file does not declare; the program-wide effects as the engine's {@code FieldFacts} and {@code
   * StoredClasses} note them.
   */
  private static void visit(
      Expr x, Set<String> own, Set<String> names, Set<String> writes, Set<String> effects) {
    if (x instanceof Expr.FieldAccess fa && fa.ownerClass() != null) {
      names.add(fa.ownerClass() + "#" + fa.name());
    }
    if (x instanceof Expr.Assign a && a.target() instanceof Expr.FieldAccess fa) {
      if (fa.ownerClass() == null) {
        effects.add(STORE + fa.name());
      } else if (!own.contains(fa.ownerClass())) {
        writes.add(fa.ownerClass() + "#" + fa.name());
      }
    } else if (x instanceof Expr.Call c) {
      if (c.receiver() instanceof Expr.FieldAccess fa
          && fa.ownerClass() != null
          && !own.contains(fa.ownerClass())
          && !isPlatform(fa.ownerClass())) {
        // A map or holder field of another class: what is put in it is summed by field.
        writes.add(fa.ownerClass() + "#" + fa.name());
      }
      if (c.target().name().equals(MethodDecl.CONSTRUCTOR) && c.target().owner() == null) {
        effects.add(ARITY + c.args().size());
      }
    } else if (x instanceof Expr.MethodRef r
        && r.target() != null
        && r.target().name().equals(MethodDecl.CONSTRUCTOR)
        && (r.target().owner() == null || r.qualifierType() == null)) {
      effects.add(CTOR_REF);
    }
  }

  /**
   * The JDK's own classes: their static fields are constants or streams ({@code System.out}, {@code
   * TimeUnit.SECONDS}) no audited code puts values into, and calls on them would otherwise join
   * every file that prints.
   */
  private static boolean isPlatform(String owner) {
    return owner.startsWith("java.") || owner.startsWith("javax.");
  }

  /** Every dotted name in {@code s}, and each prefix of one at a {@code .} or {@code $}. */
  static void addNames(String s, Set<String> out) {
    int n = s.length();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean part = i < n && isNamePart(s.charAt(i));
      if (part && start < 0) {
        start = i;
      } else if (!part && start >= 0) {
        for (int j = start + 1; j < i; j++) {
          char ch = s.charAt(j);
          if (ch == '.' || ch == '$') {
            out.add(s.substring(start, j));
          }
        }
        out.add(s.substring(start, i));
        start = -1;
      }
    }
  }

  private static boolean isNamePart(char c) {
    return Character.isJavaIdentifierPart(c) || c == '.';
  }

  /** Whether the file's IR holds {@code name} (or a name of the same hash). */
  public boolean mentions(String name) {
    return Arrays.binarySearch(names, hash(name)) >= 0;
  }

  /** A 64-bit hash of a name: FNV-1a over its characters, then mixed. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileLinks l
        && path.equals(l.path)
        && packageName.equals(l.packageName)
        && irDigest.equals(l.irDigest)
        && classIds.equals(l.classIds)
        && effects.equals(l.effects)
        && fieldWrites.equals(l.fieldWrites)
        && Arrays.equals(names, l.names);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + irDigest.hashCode();
  }

  @Override
  public String toString() {
    return "FileLinks[" + path + ", " + classIds + ", " + names.length + " names]";
  }
}
