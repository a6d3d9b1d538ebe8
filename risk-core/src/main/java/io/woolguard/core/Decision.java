package io.woolguard.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one event (CONTRACT §2).
 *
 * @param eventId        the event's idempotency key
 * @param outcome        what to do
 * @param score          0–100, higher is riskier
 * @param reasons        every rule that fired, strongest first
 * @param rulesetVersion the ruleset that decided (exactly one)
 * @param shadow         the shadow ruleset's view, or {@code null}
 * @param degraded       true when some input was unavailable and the configured fallback applied
 * @param degradedReason which input was missing, or {@code null} when not degraded
 * @param decidedAt      when the decision was made
 */
public record Decision(String eventId, Outcome outcome, int score, List<Reason> reasons, String rulesetVersion,
                       ShadowDecision shadow, boolean degraded, String degradedReason, Instant decidedAt) {
    public Decision {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0-100, got " + score);
        }
        reasons = List.copyOf(reasons);
        if (degraded && degradedReason == null) {
            throw new IllegalArgumentException("a degraded decision must say why (degradedReason)");
        }
    }

    /** True if a reason with this code is present. */
    public boolean hasReason(String code) {
        return reasons.stream().anyMatch(r -> r.code().equals(code));
    }
}
