package dev.shareguard.core.copies;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.testing.FrontEnd;
import java.util.List;

/** Runs the copy analysis on one method of one source file, lowered by a front end. */
final class CopyBodies {
  private CopyBodies() {}

  /** The copy events of method {@code name} (not a lambda) in {@code source}. */
  static List<CopyEvent> events(FrontEnd frontEnd, String path, String source, String name) {
    List<SourceFile> files = List.of(frontEnd.lower(path, source));
    ProgramIndex index = new ProgramIndex(files);
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    ClassFacts facts =
        new ClassFacts(index, new CopyModels(index.hierarchy(), Config.defaults()), models);
    for (ProgramIndex.Body b : index.bodies().values()) {
      if (!b.isLambda() && b.method().name().equals(name)) {
        return BodyCopyAnalysis.analyze(facts, b).events();
      }
    }
    throw new AssertionError("no method " + name);
  }
}
