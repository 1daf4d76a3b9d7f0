package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.copies.SerializationCopyLosesState;

/** Reports {@link SerializationCopyLosesState} findings; see docs/rules/SerializationCopyLosesState.md. */
@BugPattern(
    name = SerializationCopyLosesState.ID,
    summary = SerializationCopyLosesState.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class SerializationCopyLosesStateChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public SerializationCopyLosesStateChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public SerializationCopyLosesStateChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
