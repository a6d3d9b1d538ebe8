package io.woolguard.core;

import java.time.Instant;

/**
 * One change to the rulesets: who did what to which version, when.
 *
 * @param at      when
 * @param actor   who (token name or embedding application)
 * @param action  {@code UPLOAD}, {@code ACTIVATE}, {@code SHADOW}, {@code CLEAR_SHADOW}, {@code ROLLBACK}
 * @param version the version acted on (or {@code null} for CLEAR_SHADOW)
 */
public record RulesetAuditEntry(Instant at, String actor, String action, String version) {
}
