package io.woolguard.core;

import java.util.List;

/**
 * A decision with what it was made from: the features read and every rule evaluated.
 * This is also the form in which decisions are stored and read back by event id.
 *
 * @param decision       the decision as returned to the storefront
 * @param event          the event as decided (personal data hashed)
 * @param features       every feature value the rules could read
 * @param rulesEvaluated the ids of every rule in the active ruleset that was evaluated
 */
public record Explanation(Decision decision, RiskEvent event, FeatureVector features, List<String> rulesEvaluated) {
    public Explanation {
        rulesEvaluated = List.copyOf(rulesEvaluated);
    }
}
