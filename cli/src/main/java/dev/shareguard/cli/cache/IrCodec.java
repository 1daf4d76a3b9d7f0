package dev.shareguard.cli.cache;

import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.TypeRef;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a lowered file's IR ({@link SourceFile} and the records under it), or the engine's
 * findings ({@link Finding} and the records under it), as bytes and reads them back as an equal
 * graph: the same records, and the same sharing, since the engine keys facts by node identity (a
 * node the lowering put in two places is one object after reading too).
 *
 * <p>The codec knows the IR only through reflection over its records, found from {@link SourceFile}
 * and {@link Finding} by following record components and the permitted subtypes of sealed
 * interfaces. Its {@link #SHAPE} digest names every record, component and type, so a cache written
 * for another shape of the IR is recognised as foreign and never misread.
 */
final class IrCodec {
  private static final int NULL = 0;
  private static final int REF = 1;
  private static final int STRING = 2;
  private static final int INT = 3;
  private static final int BOOLEAN = 4;
  private static final int ENUM = 5;
  private static final int LIST = 6;
  private static final int SET = 7;
  private static final int MAP = 8;
  private static final int RECORD = 9;

  /** Every IR record and enum class, in name order (their index is their code). */
  private static final List<Class<?>> CLASSES = classes();

  private static final Map<Class<?>, Integer> CODES = codes();

  /** Each IR record's accessors and canonical constructor, looked up once. */
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private record Shape(Method[] accessors, Constructor<?> constructor) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] accessors = new Method[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        types[i] = components[i].getType();
      }
      try {
        return new Shape(accessors, type.getDeclaredConstructor(types));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record has its canonical constructor", e);
      }
    }
  }

  /** A digest of the IR's shape: its classes, their components and the components' types. */
  static final String SHAPE = shape();

  private IrCodec() {}

  /** Writes {@code file}; returns the distinct strings it holds. */
  static Set<String> write(SourceFile file, DataOutputStream out) throws IOException {
    Writer w = new Writer(out);
    w.value(file);
    return w.strings.keySet();
  }

  /** Writes the engine's {@code findings} (the records under {@link Finding} are IR-like too). */
  static void writeFindings(List<Finding> findings, DataOutputStream out) throws IOException {
    new Writer(out).value(findings);
  }

  /**
   * Reads findings written by {@link #writeFindings}.
   *
   * @throws IOException when the bytes are not such a list
   */
  static List<Finding> readFindings(DataInputStream in) throws IOException {
    Object v = new Reader(in).value();
    if (!(v instanceof List<?> l)) {
      throw new IOException("not a list of findings");
    }
    List<Finding> out = new ArrayList<>(l.size());
    for (Object o : l) {
      if (!(o instanceof Finding f)) {
        throw new IOException("not a finding");
      }
      out.add(f);
    }
    return out;
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IOException when the bytes are not such a file (truncated, corrupt)
   */
  static SourceFile read(DataInputStream in) throws IOException {
    Object v = new Reader(in).value();
    if (!(v instanceof SourceFile f)) {
      throw new IOException("not a lowered file");
    }
    return f;
  }

  private static final class Writer {
    private final DataOutputStream out;
    private final Map<Object, Integer> seen = new IdentityHashMap<>();
    private final Map<String, Integer> strings = new HashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void value(Object v) throws IOException {
      if (v == null) {
        out.writeByte(NULL);
      } else if (v instanceof String s) {
        Integer ref = strings.get(s);
        if (ref != null) {
          out.writeByte(REF);
          out.writeInt(ref);
          return;
        }
        strings.put(s, strings.size() + seen.size());
        out.writeByte(STRING);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      } else if (v instanceof Integer i) {
        out.writeByte(INT);
        out.writeInt(i);
      } else if (v instanceof Boolean b) {
        out.writeByte(BOOLEAN);
        out.writeBoolean(b);
      } else if (v instanceof Enum<?> e) {
        out.writeByte(ENUM);
        out.writeShort(code(e.getDeclaringClass()));
        out.writeShort(e.ordinal());
      } else if (v instanceof List<?> l) {
        out.writeByte(LIST);
        out.writeInt(l.size());
        for (Object o : l) {
          value(o);
        }
      } else if (v instanceof Set<?> set) {
        out.writeByte(SET);
        out.writeInt(set.size());
        for (Object o : set) {
          value(o);
        }
      } else if (v instanceof Map<?, ?> m) {
        out.writeByte(MAP);
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          value(e.getKey());
          value(e.getValue());
        }
      } else if (v instanceof Record r) {
        Integer ref = seen.get(r);
        if (ref != null) {
          out.writeByte(REF);
          out.writeInt(ref);
          return;
        }
        seen.put(r, strings.size() + seen.size());
        out.writeByte(RECORD);
        out.writeShort(code(r.getClass()));
        for (Method accessor : SHAPES.get(r.getClass()).accessors()) {
          try {
            value(accessor.invoke(r));
          } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IOException("cannot read " + accessor, e);
          }
        }
      } else {
        throw new IOException("not an IR value: " + v.getClass().getName());
      }
    }
  }

  private static final class Reader {
    private final DataInputStream in;
    private final List<Object> refs = new ArrayList<>();

    Reader(DataInputStream in) {
      this.in = in;
    }

    Object value() throws IOException {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case NULL:
          return null;
        case REF:
          {
            int i = in.readInt();
            if (i < 0 || i >= refs.size()) {
              throw new IOException("bad reference " + i);
            }
            return refs.get(i);
          }
        case STRING:
          {
            int n = in.readInt();
            if (n < 0 || n > in.available() + 0x100000) {
              throw new IOException("bad string length " + n);
            }
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
              throw new IOException("truncated");
            }
            String s = new String(b, StandardCharsets.UTF_8);
            refs.add(s);
            return s;
          }
        case INT:
          return in.readInt();
        case BOOLEAN:
          return in.readBoolean();
        case ENUM:
          {
            Object[] constants = type(in.readUnsignedShort()).getEnumConstants();
            int ordinal = in.readUnsignedShort();
            if (constants == null || ordinal >= constants.length) {
              throw new IOException("bad enum constant");
            }
            return constants[ordinal];
          }
        case LIST:
          {
            int n = size();
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              l.add(value());
            }
            return Collections.unmodifiableList(l);
          }
        case SET:
          {
            int n = size();
            Set<Object> s = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
              s.add(value());
            }
            return Collections.unmodifiableSet(s);
          }
        case MAP:
          {
            int n = size();
            Map<Object, Object> m = new TreeMap<>();
            for (int i = 0; i < n; i++) {
              m.put(value(), value());
            }
            return Collections.unmodifiableMap(m);
          }
        case RECORD:
          return record(type(in.readUnsignedShort()));
        default:
          throw new IOException("bad tag " + tag);
      }
    }

    private int size() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > 50_000_000) {
        throw new IOException("bad size " + n);
      }
      return n;
    }

    private Object record(Class<?> type) throws IOException {
      if (!type.isRecord()) {
        throw new IOException("not a record: " + type.getName());
      }
      int slot = refs.size();
      refs.add(null);
      Shape shape = SHAPES.get(type);
      Object[] args = new Object[shape.accessors().length];
      for (int i = 0; i < args.length; i++) {
        args[i] = value();
      }
      Object r;
      try {
        r = shape.constructor().newInstance(args);
      } catch (ReflectiveOperationException | IllegalArgumentException | ClassCastException e) {
        throw new IOException("cannot make " + type.getSimpleName() + ": " + e, e);
      }
      r = canonical(r);
      refs.set(slot, r);
      return r;
    }
  }

  /** The shared constants the front ends use, as themselves rather than as equal copies. */
  private static Object canonical(Object r) {
    if (r.equals(TypeRef.UNKNOWN)) {
      return TypeRef.UNKNOWN;
    }
    if (r.equals(TypeRef.VOID)) {
      return TypeRef.VOID;
    }
    if (r.equals(Pos.UNKNOWN)) {
      return Pos.UNKNOWN;
    }
    return r;
  }

  private static Class<?> type(int code) throws IOException {
    if (code >= CLASSES.size()) {
      throw new IOException("bad class code " + code);
    }
    return CLASSES.get(code);
  }

  private static int code(Class<?> c) throws IOException {
    Integer code = CODES.get(c);
    if (code == null) {
      throw new IOException("not an IR class: " + c.getName());
    }
    return code;
  }

  private static List<Class<?>> classes() {
    Set<Class<?>> found = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
    List<Class<?>> work = new ArrayList<>(List.of(SourceFile.class, Finding.class));
    while (!work.isEmpty()) {
      Class<?> c = work.remove(work.size() - 1);
      if (!found.add(c)) {
        continue;
      }
      if (c.isSealed()) {
        work.addAll(List.of(c.getPermittedSubclasses()));
      }
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          collect(rc.getGenericType(), work);
        }
      }
    }
    found.removeIf(c -> c.isInterface());
    return List.copyOf(found);
  }

  /** The IR classes named in a component's type, type arguments included. */
  private static void collect(Type t, List<Class<?>> work) {
    if (t instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) {
        collect(a, work);
      }
    } else if (t instanceof Class<?> c
        && (c.getPackageName().equals(SourceFile.class.getPackageName())
            || c.getPackageName().equals(Finding.class.getPackageName()))
        && (c.isRecord() || c.isEnum() || c.isSealed())) {
      work.add(c);
    }
  }

  private static Map<Class<?>, Integer> codes() {
    Map<Class<?>, Integer> out = new HashMap<>();
    for (int i = 0; i < CLASSES.size(); i++) {
      out.put(CLASSES.get(i), i);
    }
    return out;
  }

  private static String shape() {
    StringBuilder sb = new StringBuilder();
    for (Class<?> c : CLASSES) {
      sb.append(c.getName()).append('(');
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          sb.append(rc.getGenericType().getTypeName()).append(' ').append(rc.getName()).append(',');
        }
      } else {
        for (Object e : c.getEnumConstants()) {
          sb.append(e).append(',');
        }
      }
      sb.append(")\n");
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
