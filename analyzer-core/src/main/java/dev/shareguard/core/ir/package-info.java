/**
 * The neutral program model (IR): the contract between the front ends (javac trees in the Error
 * Prone plugin, JavaParser trees in the CLI) and the engine.
 *
 * <p>A front end resolves names and types and lowers syntax into these immutable records; it holds
 * no rule logic. Everything else (control flow, dataflow, call graph, rules) works on the IR only,
 * so both front ends give the same findings for the same source.
 *
 * <h2>Conventions every front end must follow</h2>
 *
 * <ul>
 *   <li><b>Types</b> are {@link dev.shareguard.core.ir.TypeRef}s with fully qualified, erased class
 *       names ({@code java.util.Map}, {@code com.acme.Outer$Inner} uses a dot: {@code
 *       com.acme.Outer.Inner}) and their type arguments. What cannot be resolved is {@link
 *       dev.shareguard.core.ir.TypeRef#unresolved(String)} with the source text, never a guess.
 *   <li><b>Class ids</b>: named classes use their canonical name ({@code com.acme.Outer.Inner}).
 *       Anonymous classes are {@code <enclosing named class id>$<n>}, numbered from 1 in textual
 *       order of the {@code new} expressions within that enclosing named class (nested anonymous
 *       classes count in the same sequence, in order of their opening). Local classes are {@code
 *       <enclosing named class id>$<n><SimpleName>} in the same sequence. Lambdas are {@code
 *       <enclosing named class id>$lambda$<n>}, numbered from 1 in textual order within that
 *       enclosing named class. Both front ends must produce identical ids.
 *   <li><b>Positions</b> are 1-based line and column of the <em>start</em> of the construct (for a
 *       call {@code a.b.put(x)} the start of {@code a}; for a declaration, its name).
 *   <li><b>Implicit receivers are explicit</b>: {@code cache.put(k, v)} inside a class is {@code
 *       FieldAccess(ThisRef(C), "cache")}; a call {@code helper()} is a call on {@code ThisRef};
 *       inside a lambda, anonymous or inner class, a field of an enclosing class has a {@code
 *       ThisRef} naming that enclosing class.
 *   <li><b>Expression lambdas</b> are lowered to a block holding one {@link
 *       dev.shareguard.core.ir.Stmt.Return}.
 *   <li><b>Constructors</b> are methods named {@code <init>}; instance initializer blocks are a
 *       method {@code <instinit>}; static initializer blocks {@code <clinit>}. Field initializers
 *       stay on the field.
 *   <li>Constructs the IR does not model are lowered to {@link dev.shareguard.core.ir.Expr.Opaque}
 *       with their sub-expressions, so nothing inside them is lost.
 * </ul>
 */
package dev.shareguard.core.ir;
