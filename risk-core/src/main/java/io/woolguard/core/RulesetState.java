package io.woolguard.core;

/** Where a ruleset version stands. */
public enum RulesetState {
    /** Decides every event. Exactly one version is active at a time. */
    ACTIVE,
    /** Evaluated on every event beside the active one and reported in {@code shadow}, never enforced. */
    SHADOW,
    /** Kept for rollback. */
    INACTIVE
}
