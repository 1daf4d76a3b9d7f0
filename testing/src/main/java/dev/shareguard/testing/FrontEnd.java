package dev.shareguard.testing;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.ir.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * The two front ends that lower Java source to the IR, for tests that run every case through both
 * ({@code @ParameterizedTest @EnumSource(FrontEnd.class)}) so that their lowering cannot drift.
 */
public enum FrontEnd {
  /** javac's parse and attribution, as the Error Prone plugin sees code. */
  JAVAC {
    @Override
    public List<SourceFile> lowerAll(Map<String, String> sources) {
      return ErrorProneRunner.lowerAll(sources);
    }
  },
  /** The CLI's JavaParser front end with its own type resolution and no class path. */
  JAVAPARSER {
    @Override
    public List<SourceFile> lowerAll(Map<String, String> sources) {
      return new JavaParserFrontEnd().lowerSources(sources);
    }
  };

  /** Lowers one source as {@code com/acme/C.java}, the file the lowering tests write. */
  public SourceFile lower(String source) {
    return lower("com/acme/C.java", source);
  }

  /** Lowers one source; {@code path} (like {@code com/acme/C.java}) names the file in the IR. */
  public SourceFile lower(String path, String source) {
    return lowerAll(Map.of(path, source)).get(0);
  }

  /** Lowers several sources together, so they see each other, in the order of their paths. */
  public abstract List<SourceFile> lowerAll(Map<String, String> sources);
}
