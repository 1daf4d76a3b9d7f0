package dev.shareguard.errorprone.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.rules.operators.InformerEventMutation;
import dev.shareguard.testing.CliAudit;
import dev.shareguard.testing.FrontEnd;
import dev.shareguard.testing.RuleTestHelper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link InformerEventMutation}: changes to the objects an informer hands to its event handlers
 * (fabric8 and the official client), which are the cache's own instances.
 */
class InformerEventMutationTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(InformerEventMutation.ID);
  }

  @Test
  void positive_fabric8OnUpdateLabelsTheNewObject() {
    helper()
        .source(
            "com/acme/PodWatcher.java",
            """
            package com.acme;
            import io.fabric8.kubernetes.api.model.Pod;
            import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
            public class PodWatcher implements ResourceEventHandler<Pod> {
              @Override
              public void onAdd(Pod pod) {}
              @Override
              public void onUpdate(Pod oldPod, Pod newPod) {
                // BUG: Diagnostic contains: changes `newPod.getMetadata().getLabels()`, part of `newPod`, the object the informer passed to ResourceEventHandler.onUpdate
                newPod.getMetadata().getLabels().put("seen", "true");
              }
              @Override
              public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                // BUG: Diagnostic contains: ResourceEventHandler.onDelete
                pod.getMetadata().getFinalizers().clear();
              }
            }
            """)
        .check();
  }

  @Test
  void positive_anonymousHandlerChangesTheObjectInAHelper() {
    helper()
        .source(
            "com/acme/Watch.java",
            """
            package com.acme;
            import io.fabric8.kubernetes.api.model.ConfigMap;
            import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
            import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
            public class Watch {
              public void start(SharedIndexInformer<ConfigMap> informer) {
                informer.addEventHandler(new ResourceEventHandler<ConfigMap>() {
                  @Override public void onAdd(ConfigMap cm) { normalize(cm); }
                  @Override public void onUpdate(ConfigMap o, ConfigMap n) { normalize(n); }
                  @Override public void onDelete(ConfigMap cm, boolean unknown) {}
                });
              }
              static void normalize(ConfigMap cm) {
                if (cm.getData() != null) {
                  // BUG: Diagnostic contains: in Watch (anonymous class).onAdd (line 8)
                  cm.getData().replaceAll((k, v) -> v.trim());
                }
              }
            }
            """)
        .check();
  }

  @Test
  void positive_officialClientHandler() {
    helper()
        .source(
            "com/acme/NodeWatcher.java",
            """
            package com.acme;
            import io.kubernetes.client.informer.ResourceEventHandler;
            import io.kubernetes.client.openapi.models.V1Node;
            public class NodeWatcher implements ResourceEventHandler<V1Node> {
              @Override
              public void onAdd(V1Node node) {
                // BUG: Diagnostic contains: InformerEventMutation
                node.getMetadata().putAnnotationsItem("watched", "true");
              }
              @Override
              public void onUpdate(V1Node oldNode, V1Node newNode) {
                // BUG: Diagnostic contains: InformerEventMutation
                newNode.getSpec().setUnschedulable(true);
              }
              @Override
              public void onDelete(V1Node node, boolean deletedFinalStateUnknown) {}
            }
            """)
        .check();
  }

  @Test
  void negative_handlersThatReadCopyOrQueue() {
    helper()
        .source(
            "com/acme/Queueing.java",
            """
            package com.acme;
            import io.fabric8.kubernetes.api.model.Pod;
            import io.fabric8.kubernetes.api.model.PodBuilder;
            import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
            import io.fabric8.kubernetes.client.utils.Serialization;
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            public class Queueing implements ResourceEventHandler<Pod> {
              private final Queue<String> keys = new ConcurrentLinkedQueue<>();
              @Override
              public void onAdd(Pod pod) {
                keys.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
              }
              @Override
              @SuppressWarnings("deprecation")
              public void onUpdate(Pod oldPod, Pod newPod) {
                Pod copy = Serialization.clone(newPod);
                copy.getMetadata().getLabels().put("seen", "true");
                Pod rebuilt = new PodBuilder(newPod).build();
                rebuilt.getMetadata().getLabels().put("seen", "true");
              }
              @Override
              public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                keys.remove(pod.getMetadata().getName());
              }
            }
            """)
        .check();
  }

  @Test
  void negative_aClassThatIsNoEventHandler() {
    helper()
        .source(
            "com/acme/Listener.java",
            """
            package com.acme;
            import io.fabric8.kubernetes.api.model.Pod;
            public class Listener {
              public void onAdd(Pod pod) {
                pod.getMetadata().getLabels().put("mine", "true");
              }
            }
            """)
        .check();
  }

  /** The CLI audit (JavaParser, no class path) and javac give the same findings. */
  @Test
  void parity_theCliAuditAgreesWithJavac() {
    Map<String, String> src = Map.of(
        "com/acme/W.java",
        """
        package com.acme;
        import io.fabric8.kubernetes.api.model.Secret;
        import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
        class W implements ResourceEventHandler<Secret> {
          public void onAdd(Secret s) { s.getData().put("k", "v"); }
          public void onUpdate(Secret o, Secret n) { touch(n); }
          public void onDelete(Secret s, boolean gone) {}
          private void touch(Secret s) { s.getMetadata().setGeneration(2L); }
        }
        """);
    Config only = Config.defaults().withEnabledRules(Set.of(InformerEventMutation.ID));
    for (FrontEnd fe : FrontEnd.values()) {
      List<String> lines = new Analyzer(only).analyze(fe.lowerAll(src)).stream()
          .map(f -> f.location().path() + ":" + f.location().line()).toList();
      assertEquals(List.of("com/acme/W.java:5", "com/acme/W.java:8"), lines, fe.name());
    }
    assertEquals(List.of("InformerEventMutation com/acme/W.java:5",
        "InformerEventMutation com/acme/W.java:8"), CliAudit.audit(src));
  }
}
