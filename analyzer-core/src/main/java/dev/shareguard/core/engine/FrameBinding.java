package dev.shareguard.core.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The one rewrite of a body's frame-relative values into a walk's frame: {@code this},
 * parameters and captured locals become the caller's values, the body's allocation sites get the
 * activation that made them, and lambdas and anonymous objects are bound to the locals they
 * captured where they were made.
 */
final class FrameBinding {
  private final BodyResults results;

  FrameBinding(BodyResults results) {
    this.results = results;
  }

  /** The body result of a creator body, for the locals its lambdas captured. */
  private BodyResult result(String bodyId) {
    return results.result(bodyId);
  }

  /** Rewrites a body-relative value into the caller's frame. */
  AbsVal resolve(AbsVal v, Frame f, ProgramIndex.Body body) {
    if (v instanceof AbsVal.Alloc a && a.site().unboundIn(body.id())) {
      return new AbsVal.Alloc(a.site().inActivation(f.activation()), a.type(), a.loops(),
          a.threadSafe(), a.immutable(), a.singleThreadExecutor(), a.accessOrdered(),
          a.synchronizedWrapper());
    }
    if (v instanceof AbsVal.Anon a && a.site().unboundIn(body.id())) {
      v = new AbsVal.Anon(a.classId(), a.creatorBody(), a.site().inActivation(f.activation()));
    }
    if (v instanceof AbsVal.This t) {
      return f.thisOf().getOrDefault(t.classId(), t);
    }
    if (v instanceof AbsVal.Param p) {
      return f.params().getOrDefault(p.name(), AbsVal.UNKNOWN);
    }
    if (v instanceof AbsVal.Captured c) {
      return f.captured().getOrDefault(c.name(), AbsVal.UNKNOWN);
    }
    if (v instanceof AbsVal.Field fd) {
      AbsVal base = resolve(fd.base(), f, body);
      return base instanceof AbsVal.Unknown ? base : new AbsVal.Field(base, fd.owner(), fd.field());
    }
    if (v instanceof AbsVal.Elem e) {
      AbsVal base = resolve(e.base(), f, body);
      return base instanceof AbsVal.Unknown ? base : new AbsVal.Elem(base);
    }
    if (v instanceof AbsVal.View vw) {
      AbsVal base = resolve(vw.backing(), f, body);
      return base instanceof AbsVal.Unknown ? base : new AbsVal.View(base);
    }
    if (v instanceof AbsVal.LockView lv) {
      return new AbsVal.LockView(resolve(lv.lock(), f, body), lv.read());
    }
    if (v instanceof AbsVal.OnLoop on) {
      return new AbsVal.OnLoop(resolve(on.loop(), f, body));
    }
    if (v instanceof AbsVal.OnceGate g) {
      return new AbsVal.OnceGate(resolve(g.flag(), f, body), g.from(), g.to());
    }
    if (v instanceof AbsVal.MethodRefVal mr) {
      return new AbsVal.MethodRefVal(
          mr.receiver() == null ? null : resolve(mr.receiver(), f, body), mr.target(),
          mr.qualifierType());
    }
    if (v instanceof AbsVal.Closure || v instanceof AbsVal.Anon) {
      String creator = v instanceof AbsVal.Closure c ? c.creatorBody() : ((AbsVal.Anon) v).creatorBody();
      String id = v instanceof AbsVal.Closure c ? c.lambdaId() : ((AbsVal.Anon) v).classId();
      BodyResult r = result(creator);
      Map<String, AbsVal> captured = new HashMap<>();
      if (r != null && creator.equals(body.id())) {
        Map<String, AbsVal> env = r.captureEnvs().getOrDefault(id, Map.of());
        for (Map.Entry<String, AbsVal> e : env.entrySet()) {
          AbsVal val = e.getValue();
          if (val instanceof AbsVal.Closure || val instanceof AbsVal.Anon) {
            continue;
          }
          captured.put(e.getKey(), resolve(val, f, body));
        }
        // Locals the creator itself captured stay visible to nested lambdas.
        for (Map.Entry<String, AbsVal> e : f.captured().entrySet()) {
          captured.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      return new AbsVal.Bound(v, captured, f.thisOf());
    }
    return v;
  }
}
