package com.acme.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Works out the next version of a pod from the one in the team's cache. */
public class Rollout {
  private final PodCache cache;

  public Rollout(PodCache cache) {
    this.cache = cache;
  }

  /** Bug: labels the cached pod itself, which every other reader of the cache sees. */
  public Pod markUnsafe(String name) {
    Pod pod = cache.get(name);
    // MutatedCachedResource
    pod.getMetadata().getLabels().put("rollout", "next");
    return pod;
  }

  /** Fix: label a builder copy, whose label map is its own. */
  public Pod mark(String name) {
    Pod next = new PodBuilder(cache.get(name)).build();
    next.getMetadata().getLabels().put("rollout", "next");
    return next;
  }
}
