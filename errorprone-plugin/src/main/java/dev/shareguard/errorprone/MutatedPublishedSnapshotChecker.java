package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.MutatedPublishedSnapshot;

/** Reports {@link MutatedPublishedSnapshot} findings; see docs/rules/MutatedPublishedSnapshot.md. */
@BugPattern(
    name = MutatedPublishedSnapshot.ID,
    summary = MutatedPublishedSnapshot.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class MutatedPublishedSnapshotChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public MutatedPublishedSnapshotChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public MutatedPublishedSnapshotChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
