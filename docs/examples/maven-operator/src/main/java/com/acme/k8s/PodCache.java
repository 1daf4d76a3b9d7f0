package com.acme.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The team's own cache of pods, filled by an informer's event handler: every reader gets the same
 * Pod instances. The pom declares its getter a source with
 * -XepOpt:Shareguard:CacheSources=com.acme.k8s.PodCache#get.
 */
public class PodCache implements ResourceEventHandler<Pod> {
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();

  /** The cached pod named {@code name}, or null. */
  public Pod get(String name) {
    return pods.get(name);
  }

  @Override
  public void onAdd(Pod pod) {
    pods.put(pod.getMetadata().getName(), pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod newPod) {
    pods.put(newPod.getMetadata().getName(), newPod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    pods.remove(pod.getMetadata().getName());
  }
}
