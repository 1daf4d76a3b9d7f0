package dev.shareguard.samples.operators;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.informers.cache.Lister;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Works out a pod's next spec from the one in the informer cache, read through a lister. */
final class PodResources {
  private PodResources() {}

  /**
   * Bug: the first method marks the cached pod itself; the second copies it with a builder, which
   * copies the limits map but not the Quantity objects in it, so setAmount changes the cached pod.
   */
  static final class Unsafe {
    private final Lister<Pod> pods;

    Unsafe(Lister<Pod> pods) {
      this.pods = pods;
    }

    Pod markResized(String namespace, String name) {
      Pod pod = pods.namespace(namespace).get(name);
      // BUG: Diagnostic contains: MutatedCachedResource
      pod.getMetadata().getAnnotations().put("webapp/resized", "true");
      return pod;
    }

    Pod doubledCpu(String namespace, String name) {
      Pod next = new PodBuilder(pods.namespace(namespace).get(name)).build();
      Quantity cpu = next.getSpec().getContainers().get(0).getResources().getLimits().get("cpu");
      // BUG: Diagnostic contains: MutatedCachedResource
      cpu.setAmount(String.valueOf(2 * Integer.parseInt(cpu.getAmount())));
      return next;
    }
  }

  /**
   * Fix: change a deep copy; a builder copy is enough for a change to its own label map, and a new
   * Quantity replaces the shared one instead of changing it.
   */
  static final class Safe {
    private final Lister<Pod> pods;

    Safe(Lister<Pod> pods) {
      this.pods = pods;
    }

    @SuppressWarnings("deprecation")
    Pod markResized(String namespace, String name) {
      Pod pod = Serialization.clone(pods.namespace(namespace).get(name));
      pod.getMetadata().getAnnotations().put("webapp/resized", "true");
      return pod;
    }

    Pod doubledCpu(String namespace, String name) {
      Pod next = new PodBuilder(pods.namespace(namespace).get(name)).build();
      var limits = next.getSpec().getContainers().get(0).getResources().getLimits();
      Quantity cpu = limits.get("cpu");
      limits.put("cpu", new Quantity(String.valueOf(2 * Integer.parseInt(cpu.getAmount()))));
      next.getMetadata().getLabels().put("webapp/resized", "true");
      return next;
    }
  }
}
