package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;

/** Reports {@link UnguardedSharedWrite} findings; see docs/rules/UnguardedSharedWrite.md. */
@BugPattern(
    name = UnguardedSharedWrite.ID,
    summary = UnguardedSharedWrite.SUMMARY,
    severity = WARNING,
    linkType = CUSTOM,
    link = "https://github.com/shareguard/shareguard/blob/main/docs/rules/UnguardedSharedWrite.md")
public final class UnguardedSharedWriteChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;
}
