package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * Reactive Streams: the signal methods of one subscriber are delivered one at a time (Reactive
 * Streams §1.3: onSubscribe, onNext, onError and onComplete are signalled serially), so two of
 * them never run at once on one subscriber. {@code request} and {@code cancel} on its
 * subscription may come from any thread.
 */
final class ReactiveStreamsModel implements FrameworkModel {
  @Override
  public String name() {
    return "Reactive Streams";
  }

  @Override
  public Map<String, Set<String>> serialCallbacks() {
    return Map.of(
        "org.reactivestreams.Subscriber", Set.of("onSubscribe", "onNext", "onError", "onComplete"));
  }
}
