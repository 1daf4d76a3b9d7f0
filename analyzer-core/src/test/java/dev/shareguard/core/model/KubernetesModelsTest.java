package dev.shareguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.model.KubernetesModels.Yield;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Kubernetes library tables: what each read yields, versions, sinks and config entries. */
class KubernetesModelsTest {
  private static final String CONTEXT = "io.javaoperatorsdk.operator.api.reconciler.Context";

  private static KubernetesModels models(Config config, KubernetesModels.Versions versions) {
    return new KubernetesModels(new TypeHierarchy(List.of()), config, versions);
  }

  @Test
  void storesListersAndInformersOfBothClients() {
    KubernetesModels m = models(Config.defaults(), KubernetesModels.Versions.CURRENT);
    assertEquals(Yield.OBJECT,
        m.cacheRead("io.fabric8.kubernetes.client.informers.cache.Lister", "get"));
    assertEquals(Yield.HANDLE,
        m.cacheRead("io.fabric8.kubernetes.client.informers.SharedIndexInformer", "getStore"));
    assertEquals(Yield.COLLECTION,
        m.cacheRead("io.kubernetes.client.informer.cache.Indexer", "byIndex"));
    assertNull(m.cacheRead("io.fabric8.kubernetes.client.informers.cache.Lister", "toString"));
    assertEquals("io.fabric8.kubernetes.client.informers.cache.Store",
        KubernetesModels.handleType(
            "io.fabric8.kubernetes.client.informers.SharedIndexInformer", "getStore"));
  }

  @Test
  void theOperatorSdkCachesFrom5Only() {
    assertEquals(Yield.COLLECTION,
        models(Config.defaults(), KubernetesModels.Versions.CURRENT)
            .cacheRead(CONTEXT, "getSecondaryResource"));
    assertNull(
        models(Config.defaults(), new KubernetesModels.Versions(true))
            .cacheRead(CONTEXT, "getSecondaryResource"),
        "4.x cloned secondary resources");
  }

  @Test
  void mutatorsAreSettersWritesAndTheOfficialClientsFluentSetters() {
    assertTrue(KubernetesModels.isMutator(null, "setResourceVersion", 1));
    assertTrue(KubernetesModels.isMutator(null, "put", 2));
    assertTrue(KubernetesModels.isMutator(null, "clear", 0));
    assertTrue(KubernetesModels.isMutator(null, "removeFinalizer", 1));
    assertTrue(KubernetesModels.isMutator(null, "putLabelsItem", 2));
    assertTrue(KubernetesModels.isMutator(
        "io.kubernetes.client.openapi.models.V1ObjectMeta", "labels", 1));
    assertFalse(KubernetesModels.isMutator(null, "labels", 1));
    assertFalse(KubernetesModels.isMutator(null, "get", 1));
    assertFalse(KubernetesModels.isMutator(null, "setup", 0));
  }

  @Test
  void configAddsSourcesAndBarriers() {
    Config c = Config.defaults()
        .withExtraCacheSources(Set.of(Config.Member.parse("com.acme.PodCache#get"),
            Config.Member.parse("com.acme.PodCache#pods")))
        .withExtraCopyBarriers(Set.of(Config.Member.parse("com.acme.Copies#deep")));
    KubernetesModels m = models(c, KubernetesModels.Versions.CURRENT);
    assertTrue(m.isDeclaredSourceMethod("com.acme.PodCache", null, "get"));
    assertTrue(m.isDeclaredSourceField("com.acme.PodCache", "pods"));
    assertFalse(m.isDeclaredSourceMethod("com.acme.Other", null, "get"));
    assertTrue(m.isDeepCopy("com.acme.Copies", "deep"));
    assertTrue(m.isDeepCopy("io.fabric8.kubernetes.client.utils.Serialization", "clone"));
  }
}
