package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * Reactive Streams: the signal methods of one subscriber are delivered one at a time (Reactive
 * Streams §1.3: onSubscribe, onNext, onError and onComplete are signalled serially), so two of
 * them never run at once on one subscriber. {@code request} and {@code cancel} on its
 * subscription may come from any thread. The JDK's {@code Flow.Subscriber} is the same contract,
 * and so are the ReactiveX consumers of RxJava 2 and 3 (the Observable contract requires
 * serialized notifications; {@code onSuccess} is the single-value signal).
 */
final class ReactiveStreamsModel implements FrameworkModel {
  /**
   * The four signals of the specification's subscriber, by name, with their arity: what a
   * library's own subscriber interface to the specification declares too.
   */
  static final Map<String, Integer> SIGNAL_ARITY =
      Map.of("onSubscribe", 1, "onNext", 1, "onError", 1, "onComplete", 0);

  @Override
  public String name() {
    return "Reactive Streams";
  }

  /** Reactor's subscriber is a Reactive Streams subscriber. */
  @Override
  public Map<String, java.util.List<String>> librarySupertypes() {
    return Map.of("reactor.core.CoreSubscriber",
        java.util.List.of("org.reactivestreams.Subscriber"));
  }

  @Override
  public Map<String, Set<String>> serialCallbacks() {
    Set<String> signals = Set.of("onSubscribe", "onNext", "onError", "onComplete");
    Set<String> rx = Set.of("onSubscribe", "onNext", "onSuccess", "onError", "onComplete");
    return Map.of(
        "org.reactivestreams.Subscriber", signals,
        "java.util.concurrent.Flow.Subscriber", signals,
        "io.reactivex.rxjava3.core.Observer", rx,
        "io.reactivex.rxjava3.core.SingleObserver", rx,
        "io.reactivex.rxjava3.core.MaybeObserver", rx,
        "io.reactivex.rxjava3.core.CompletableObserver", rx,
        "io.reactivex.Observer", rx,
        "io.reactivex.SingleObserver", rx,
        "io.reactivex.MaybeObserver", rx,
        "io.reactivex.CompletableObserver", rx);
  }
}
