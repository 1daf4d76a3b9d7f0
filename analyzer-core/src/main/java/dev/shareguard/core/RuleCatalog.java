package dev.shareguard.core;

import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import dev.shareguard.core.rules.copies.CloneSharesMutableState;
import dev.shareguard.core.rules.copies.SerializationCopyLosesState;
import dev.shareguard.core.rules.copies.ShallowCopyMutation;
import dev.shareguard.core.rules.copies.UnmodifiableViewAsSnapshot;
import dev.shareguard.core.rules.operators.InformerEventMutation;
import dev.shareguard.core.rules.operators.MutatedCachedResource;
import dev.shareguard.core.rules.threads.MutatedPublishedSnapshot;
import dev.shareguard.core.rules.threads.NonAtomicMapUpdate;
import dev.shareguard.core.rules.threads.SynchronizedCollectionIteration;
import dev.shareguard.core.rules.threads.UnguardedMapValueMutation;
import dev.shareguard.core.rules.threads.UnguardedSharedRead;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.core.rules.threads.WriteUnderReadLock;
import dev.shareguard.core.rules.values.LostMapValueUpdate;
import dev.shareguard.core.rules.values.MutatedMapKey;
import dev.shareguard.core.rules.values.MutationOfDefensiveCopy;
import java.util.List;
import java.util.Optional;

/**
 * Every rule Shareguard has, in a stable order. The one place rules are registered. It sits beside
 * {@link Analyzer}, above the rule packages it lists, so that no rule package depends on another.
 */
public final class RuleCatalog {
  private static final List<Rule> RULES =
      List.of(
          new UnguardedSharedWrite(),
          new UnguardedSharedRead(),
          new WriteUnderReadLock(),
          new SynchronizedCollectionIteration(),
          new NonAtomicMapUpdate(),
          new UnguardedMapValueMutation(),
          new MutatedPublishedSnapshot(),
          new ShallowCopyMutation(),
          new UnmodifiableViewAsSnapshot(),
          new CloneSharesMutableState(),
          new SerializationCopyLosesState(),
          new LostMapValueUpdate(),
          new MutationOfDefensiveCopy(),
          new MutatedMapKey(),
          new MutatedCachedResource(),
          new InformerEventMutation());

  private RuleCatalog() {}

  public static List<Rule> rules() {
    return RULES;
  }

  public static List<RuleInfo> all() {
    return RULES.stream().map(Rule::info).toList();
  }

  public static Optional<RuleInfo> find(String id) {
    return all().stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
