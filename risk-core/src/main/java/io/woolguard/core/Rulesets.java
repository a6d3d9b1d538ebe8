package io.woolguard.core;

import java.util.List;
import java.util.Optional;

/**
 * Ruleset versions, persisted under the data directory. Activation and shadowing swap atomically:
 * every decision is made by exactly one version, none fails or stalls during a swap. Thread-safe.
 */
public interface Rulesets {
    /**
     * Compiles, checks and stores a pack as a new inactive version (or returns the existing version
     * if the same content was uploaded before).
     *
     * @throws RulePackRejectedException with located errors if it does not compile or is unsafe
     */
    RulesetInfo upload(RulePack pack, String actor);

    /**
     * Makes a version live; the previous active one stays for rollback.
     *
     * @throws java.util.NoSuchElementException if there is no such version
     */
    RulesetInfo activate(String version, String actor);

    /** Makes a version the shadow (evaluated and reported, never enforced). */
    RulesetInfo shadow(String version, String actor);

    /** Stops shadowing. */
    void clearShadow(String actor);

    /** Re-activates the version that was active before the current one. */
    RulesetInfo rollback(String actor);

    /** The active version, if any. */
    Optional<RulesetInfo> active();

    /** The shadow version, if any. */
    Optional<RulesetInfo> shadowVersion();

    /** Every stored version, newest first. */
    List<RulesetInfo> list();

    /** One version. */
    Optional<RulesetInfo> find(String version);

    /** The pack of a stored version. */
    Optional<RulePack> pack(String version);

    /** Every change, oldest first. */
    List<RulesetAuditEntry> audit();
}
