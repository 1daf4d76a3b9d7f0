package dev.shareguard.samples.operators;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;

/**
 * Keeps a web app's settings ConfigMap in step with its Deployment. The operator SDK hands the
 * reconciler a copy of the primary (changing it is fine), but the secondary resources come straight
 * from the informer cache.
 */
final class WebAppReconciler {
  private WebAppReconciler() {}

  /** Bug: writes the new replica count into the cached ConfigMap that every reconciler reads. */
  static final class Unsafe implements Reconciler<Deployment> {
    @Override
    public UpdateControl<Deployment> reconcile(Deployment app, Context<Deployment> context) {
      ConfigMap settings = context.getSecondaryResource(ConfigMap.class).orElseThrow();
      // BUG: Diagnostic contains: MutatedCachedResource
      settings.getData().put("replicas", String.valueOf(app.getSpec().getReplicas()));
      context.getClient().resource(settings).update();
      app.getMetadata().getAnnotations().put("webapp/synced", "true");
      return UpdateControl.patchResource(app);
    }
  }

  /** Fix: build the desired ConfigMap fresh and let the client apply it. */
  static final class Safe implements Reconciler<Deployment> {
    @Override
    public UpdateControl<Deployment> reconcile(Deployment app, Context<Deployment> context) {
      ConfigMap current = context.getSecondaryResource(ConfigMap.class).orElseThrow();
      ConfigMap desired =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName(current.getMetadata().getName())
              .withNamespace(current.getMetadata().getNamespace())
              .endMetadata()
              .withData(Map.of("replicas", String.valueOf(app.getSpec().getReplicas())))
              .build();
      context.getClient().resource(desired).serverSideApply();
      app.getMetadata().getAnnotations().put("webapp/synced", "true");
      return UpdateControl.patchResource(app);
    }
  }
}
