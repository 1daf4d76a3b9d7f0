package dev.shareguard.errorprone;

import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.CompileStates;
import com.sun.tools.javac.comp.CompileStates.CompileState;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Options;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every compilation unit of the running {@code javac} invocation, attributed, from the {@link
 * Context} that Error Prone hands to a checker, so that the plugin can analyse them together.
 *
 * <p>Why this works (read in OpenJDK's {@code com/sun/tools/javac/main/JavaCompiler.java}, JDK 17
 * and 25, and Error Prone's {@code check_api/.../ErrorProneAnalyzer.java}):
 *
 * <ul>
 *   <li>Under {@code -XDcompilePolicy=simple}, {@code JavaCompiler.compile} runs {@code
 *       generate(desugar(warn(flow(attribute(todo)))))}: {@code attribute(Queue)} attributes every
 *       class environment of the to-do queue before {@code flow(Queue)} flows the first one, and
 *       nothing is desugared until every one has been flowed. ({@code -XDverboseCompilePolicy}
 *       prints the same order on both JDKs: every {@code [attribute X]}, then every {@code [flow
 *       X]}.) Under {@code byfile}, each file goes through all phases before the next is
 *       attributed.
 *   <li>Error Prone runs its checks from a {@code TaskListener} on the {@code ANALYZE} event that
 *       {@code JavaCompiler.flow} fires after flowing each class, and scans a compilation unit once
 *       all its top-level classes have had theirs. So under {@code simple}, when the first unit is
 *       checked, every unit of the invocation is attributed and none is desugared yet. Error Prone
 *       itself accepts only {@code simple} and {@code byfile} (its {@code
 *       BaseErrorProneJavaCompiler} rejects the default {@code bytodo}).
 *   <li>The to-do queue ({@code comp.Todo}) is drained by {@code attribute(Queue)}, and {@code
 *       comp.TypeEnvs} is package-private; but {@code comp.CompileStates}, public and one per
 *       context, maps every class environment {@code attribute} has processed to the last phase it
 *       reached, and each environment names its compilation unit ({@code Env.toplevel}). Its keys
 *       are therefore all units of the invocation, source-path files javac pulled in included.
 * </ul>
 */
final class InvocationUnits {
  private InvocationUnits() {}

  /** The compile policy under which every unit is attributed before the first is checked. */
  static final String WHOLE_INVOCATION_POLICY = "simple";

  /** The {@code -XDcompilePolicy} value of the compilation, or {@code "bytodo"} when not given. */
  static String compilePolicy(Context context) {
    String policy = Options.instance(context).get("compilePolicy");
    return policy == null ? "bytodo" : policy;
  }

  /**
   * Every compilation unit of the invocation, each once, if all are attributed and none is past
   * flow analysis (so their trees are still the attributed source trees, not desugared ones); empty
   * when they cannot be listed that way.
   */
  static Optional<List<JCCompilationUnit>> attributed(Context context) {
    CompileStates states = CompileStates.instance(context);
    Set<JCCompilationUnit> units = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<Env<AttrContext>, CompileState> e : states.entrySet()) {
      CompileState state = e.getValue();
      if (state.isAfter(CompileState.FLOW) || CompileState.ATTR.isAfter(state)) {
        return Optional.empty();
      }
      if (e.getKey().toplevel != null) {
        units.add(e.getKey().toplevel);
      }
    }
    return units.isEmpty() ? Optional.empty() : Optional.of(new ArrayList<>(units));
  }
}
