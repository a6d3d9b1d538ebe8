package io.woolguard.core;

import java.util.List;

/**
 * What the shadow ruleset would have decided for the same event. Reported, never enforced.
 */
public record ShadowDecision(Outcome outcome, int score, List<Reason> reasons, String rulesetVersion) {
    public ShadowDecision {
        reasons = List.copyOf(reasons);
    }
}
