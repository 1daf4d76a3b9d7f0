package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.copies.UnmodifiableViewAsSnapshot;

/** Reports {@link UnmodifiableViewAsSnapshot} findings; see docs/rules/UnmodifiableViewAsSnapshot.md. */
@BugPattern(
    name = UnmodifiableViewAsSnapshot.ID,
    summary = UnmodifiableViewAsSnapshot.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class UnmodifiableViewAsSnapshotChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public UnmodifiableViewAsSnapshotChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public UnmodifiableViewAsSnapshotChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
