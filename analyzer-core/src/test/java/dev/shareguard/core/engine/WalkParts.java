package dev.shareguard.core.engine;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parts of the thread walk over one hand-built program, for the tests of each part. */
final class WalkParts {
  final ProgramIndex index;
  final LibraryModels models;
  final FieldFacts fieldFacts;
  final BodyResults results;
  final FrameBinding binding;
  final Dispatch dispatch;
  final HappensBefore order;
  final LockKeys lockKeys;
  final EntryPolicy entryPolicy;

  WalkParts(SourceFile... files) {
    index = new ProgramIndex(List.of(files));
    models = new LibraryModels(index.hierarchy(), Config.defaults());
    fieldFacts = new FieldFacts(index, models);
    results = new BodyResults(index, models, fieldFacts);
    binding = new FrameBinding(results);
    dispatch = new Dispatch(index, models, fieldFacts);
    order = new HappensBefore(index, models, fieldFacts, results, binding, dispatch);
    lockKeys = new LockKeys(binding);
    entryPolicy = new EntryPolicy(index, models);
  }

  ProgramIndex.Body body(MethodDecl m) {
    return index.body(index.bodyIdOf(m));
  }

  /** A frame with these parameters, locks held and activation, run once. */
  static Frame frame(Map<String, AbsVal> params, Set<Held> held, int activation) {
    return new Frame(Map.of(), params, Map.of(), held, Set.of(), Set.of(), 0, activation, true,
        null, null);
  }

  /** A point at line {@code line} with these locks, spawned and joined tasks and loops. */
  static Point point(int line, Set<HeldLock> locks, Set<Integer> spawned, Set<Integer> joined,
      List<Integer> loops) {
    return new Point(new Pos(line, 5), locks, spawned, joined, loops, Set.of());
  }
}
