package dev.shareguard.samples.operators;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Watches the web app's pods and queues them for the reconciler. */
final class PodEventHandler {
  private PodEventHandler() {}

  /**
   * Bug: stamps the pod it was handed, which is the informer cache's own instance (on a resync the
   * old and new pods are even the same object).
   */
  static final class Unsafe implements ResourceEventHandler<Pod> {
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void onAdd(Pod pod) {
      queue.add(pod.getMetadata().getName());
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      // BUG: Diagnostic contains: InformerEventMutation
      newPod.getMetadata().getLabels().put("webapp/seen", "true");
      queue.add(newPod.getMetadata().getName());
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      queue.remove(pod.getMetadata().getName());
    }
  }

  /** Fix: only read the pod in the handler; the reconciler does the changes through the API. */
  static final class Safe implements ResourceEventHandler<Pod> {
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void onAdd(Pod pod) {
      queue.add(pod.getMetadata().getName());
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      if (!"true".equals(newPod.getMetadata().getLabels().get("webapp/seen"))) {
        queue.add(newPod.getMetadata().getName());
      }
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      queue.remove(pod.getMetadata().getName());
    }
  }
}
