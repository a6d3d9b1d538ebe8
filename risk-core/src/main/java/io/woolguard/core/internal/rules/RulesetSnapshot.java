package io.woolguard.core.internal.rules;

/**
 * What decides right now: the active version and the optional shadow. Immutable; the registry swaps
 * the whole snapshot atomically and each decision reads it exactly once, so every decision is made
 * by exactly one version even while versions change.
 *
 * @param active the active version, or {@code null} when none is active yet
 * @param shadow the shadow version, or {@code null}
 */
public record RulesetSnapshot(LoadedRuleset active, LoadedRuleset shadow) {
    static final RulesetSnapshot EMPTY = new RulesetSnapshot(null, null);
}
