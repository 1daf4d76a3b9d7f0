package dev.shareguard.core.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one framework tells the thread engine about its users' code: which classes it calls from
 * many threads at once, which methods it calls while it builds an object (before other threads
 * see it), which of its executors are one thread, and which callbacks it delivers one at a time.
 * Each model states its reasons beside its tables. {@link FrameworkModels} assembles them in one
 * ordered list; the engine asks {@link LibraryModels}, which asks them, never a framework by name.
 */
public interface FrameworkModel {
  /** A short name for the framework, for docs and tests. */
  String name();

  /**
   * Annotations (qualified names) that make a class a shared singleton, each with the reason: its
   * public methods are called by many threads at once.
   */
  default Map<String, String> sharedEntryAnnotations() {
    return Map.of();
  }

  /**
   * Direct supertypes of the framework's own types that the other tables name: a project holds the
   * framework as a dependency, so an audit of its sources sees no declaration of them, yet must
   * know that an event loop is an {@code Executor}. Each entry: a type, then its direct
   * supertypes.
   */
  default Map<String, List<String>> librarySupertypes() {
    return Map.of();
  }

  /**
   * Types whose instances live on one event loop of the framework for their whole life (a
   * Netty channel): code on a loop that keys state by such an object touches that object's
   * entry only from its own loop.
   */
  default Set<String> loopBoundTypes() {
    return Set.of();
  }

  /**
   * Return types of the framework's own methods that the other tables depend on (a channel's
   * {@code eventLoop()} is an event loop), by {@code declaring type#method}: an audit of a
   * project's sources sees no declaration of them.
   */
  default Map<String, String> libraryReturnTypes() {
    return Map.of();
  }

  /**
   * Non-public methods a framework calls from its request threads, by the supertype that declares
   * them (a servlet's protected {@code service}/{@code doGet}): part of a shared class's contract
   * though not public.
   */
  default Map<String, Set<String>> protectedEntryCallbacks() {
    return Map.of();
  }

  /** Supertypes whose public methods the framework calls from many threads at once. */
  default Set<String> sharedEntrySupertypes() {
    return Set.of();
  }

  /**
   * Annotations (simple names) on methods the framework calls while it builds a shared object,
   * before any request thread sees it.
   */
  default Set<String> initMethodAnnotations() {
    return Set.of();
  }

  /**
   * Annotations (simple names) on methods the framework calls once when it takes a shared object
   * down, after it stopped serving requests: a lifecycle transition, not the running phase.
   */
  default Set<String> teardownAnnotations() {
    return Set.of();
  }

  /** Callback method names the framework calls while it starts a shared object up. */
  default Set<String> initCallbacks() {
    return Set.of();
  }

  /**
   * Executor types that run the tasks handed to one instance one at a time, in turn: one thread,
   * or a serializing queue that one thread at a time drains.
   */
  default Set<String> singleThreadExecutors() {
    return Set.of();
  }

  /**
   * Methods (by the {@link #singleThreadExecutors()} type that declares them) beyond {@code
   * Executor.execute} that run their first argument later, in the executor's turn.
   */
  default Map<String, Set<String>> serialTaskMethods() {
    return Map.of();
  }

  /**
   * {@link #singleThreadExecutors()} types of which one instance serves a whole connection (a
   * channel and every object working for it, each holding it in a field of its own): the engine
   * cannot tell those fields hold the same one, so every instance in the program is taken as one
   * context. Two instances serve two connections, each with state of its own; state every
   * connection shares (static state) is still paired.
   */
  default Set<String> connectionWideSerialExecutors() {
    return Set.of();
  }

  /**
   * Methods (by the {@link #singleThreadExecutors()} type that declares them) that return only
   * when called in the executor's turn and throw otherwise: the code after such a call runs
   * there, one at a time with the executor's tasks.
   */
  default Map<String, Set<String>> serialContextAssertions() {
    return Map.of();
  }

  /** Subtypes of {@link #singleThreadExecutors()} that are not one thread after all. */
  default Set<String> unorderedExecutors() {
    return Set.of();
  }

  /** Executor types whose own {@code run()} is their thread's loop. */
  default Set<String> loopThreadClasses() {
    return Set.of();
  }

  /**
   * Callback methods (by the supertype that declares them) that the framework delivers to one
   * object one at a time, so that two of them never run at once on that object.
   */
  default Map<String, Set<String>> serialCallbacks() {
    return Map.of();
  }

  /**
   * Types whose objects, by the API's contract, their callers use from one thread at a time (all
   * the objects of one family together, as a connection and the statements it made), each mapped
   * to the methods the API provides for another thread to call (a statement's {@code cancel()}).
   * Two calls entering such objects are not paired on their instance state, whatever locks the
   * implementation takes; their static state is still shared by every caller.
   */
  default Map<String, Set<String>> singleCallerTypes() {
    return Map.of();
  }

  /**
   * Callback methods (by the supertype that declares them) that the framework calls on an event
   * loop of its own (a channel's handler events, a listener of a future a loop completes): they
   * run on some loop, though which one the analysis cannot name.
   */
  default Map<String, Set<String>> loopCallbacks() {
    return Map.of();
  }

  /**
   * Annotations (qualified names) that only allow an instance to be shared between connections:
   * whether it is shared depends on where the program makes it (see {@link
   * #perConnectionFactories()}).
   */
  default Set<String> perConnectionShareableAnnotations() {
    return Set.of();
  }

  /**
   * Methods the framework calls once per connection to build that connection's objects: an
   * object made there belongs to one connection, whose events come one at a time.
   */
  default Set<String> perConnectionFactories() {
    return Set.of();
  }
}
