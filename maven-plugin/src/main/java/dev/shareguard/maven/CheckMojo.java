package dev.shareguard.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code shareguard:check}: audits the module's sources (or the whole reactor with {@code
 * aggregate}) and fails the build on findings at or above {@code failOn}. Bound to {@code verify}.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class CheckMojo extends AbstractShareguardMojo {
  @Override
  boolean failsOnFindings() {
    return true;
  }
}
