package dev.shareguard.core.ir;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a class's own documentation says about its thread safety, read the same way by both front
 * ends from the source text. A class whose doc comment says it is not thread-safe ("This class is
 * <i>not threadsafe</i>") makes the same promise as jcip's {@code @NotThreadSafe}: its callers
 * must not call it from several threads at once. The front ends lower that sentence to the
 * annotation {@link #NOT_THREAD_SAFE}, so the engine reads one fact whichever way it is written.
 */
public final class DocContract {
  /** The annotation a front end adds to a class whose doc comment says it is not thread-safe. */
  public static final String NOT_THREAD_SAFE = "javadoc:NotThreadSafe";

  private DocContract() {}

  /**
   * Whether the doc comment ({@code /** … *}{@code /}) that ends right before offset {@code
   * declarationStart} of {@code text} (only blank space between) says the class is not
   * thread-safe. {@code declarationStart} is where the declaration's modifiers or annotations
   * begin.
   */
  public static boolean saysNotThreadSafe(String text, int declarationStart) {
    int i = Math.min(declarationStart, text.length()) - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    if (i < 1 || text.charAt(i) != '/' || text.charAt(i - 1) != '*') {
      return false;
    }
    int end = i - 1;
    int start = lastIndexOf(text, "/**", end);
    if (start < 0) {
      return false;
    }
    return mentionsNotThreadSafe(text.substring(start + 3, end));
  }

  /**
   * Whether a comment's text says "not thread-safe" (or "not thread safe", "not threadsafe"),
   * ignoring markup, line-leading stars and line breaks.
   */
  static boolean mentionsNotThreadSafe(String comment) {
    // Every class's doc comment comes here, most of them long and about other things: the text
    // is normalised only when the word is there at all (normalising puts spaces between words,
    // never joins letters, so a comment without "thread" cannot say it).
    if (!containsIgnoreCase(comment, "thread")) {
      return false;
    }
    String plain = MARKUP.matcher(comment).replaceAll(" ");
    plain = LEADING_STAR.matcher(plain).replaceAll(" ");
    plain = SPACE.matcher(plain).replaceAll(" ").toLowerCase(Locale.ROOT);
    return plain.contains("not thread-safe")
        || plain.contains("not thread safe")
        || plain.contains("not threadsafe");
  }

  private static final Pattern MARKUP = Pattern.compile("<[^>]*>");
  private static final Pattern LEADING_STAR = Pattern.compile("(?m)^\\s*\\*");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private static boolean containsIgnoreCase(String text, String word) {
    for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the last {@code what} starting at or before {@code before - what.length()} starts, or
   * -1 if there is none or a comment ends ({@code *}{@code /}) after it. With the JDK's own
   * search, which javac has already compiled (a loop of {@code charAt} of this class runs cold
   * and was the front end's costliest part of reading a long doc comment).
   */
  private static int lastIndexOf(String text, String what, int before) {
    int from = before - what.length();
    int found = text.lastIndexOf(what, from);
    return found > text.lastIndexOf("*/", from) ? found : -1;
  }
}
