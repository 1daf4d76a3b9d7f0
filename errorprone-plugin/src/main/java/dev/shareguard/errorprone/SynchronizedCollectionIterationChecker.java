package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.SynchronizedCollectionIteration;

/** Reports {@link SynchronizedCollectionIteration} findings; see docs/rules/SynchronizedCollectionIteration.md. */
@BugPattern(
    name = SynchronizedCollectionIteration.ID,
    summary = SynchronizedCollectionIteration.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class SynchronizedCollectionIterationChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public SynchronizedCollectionIterationChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public SynchronizedCollectionIterationChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
