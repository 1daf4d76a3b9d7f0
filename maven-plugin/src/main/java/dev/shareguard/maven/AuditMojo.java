package dev.shareguard.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code shareguard:audit}: the same audit as {@code check}, reporting only: findings are logged
 * and written to the reports, and never fail the build.
 */
@Mojo(
    name = "audit",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class AuditMojo extends AbstractShareguardMojo {
  @Override
  boolean failsOnFindings() {
    return false;
  }
}
