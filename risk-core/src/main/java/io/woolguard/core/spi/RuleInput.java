package io.woolguard.core.spi;

import io.woolguard.core.FeatureVector;
import io.woolguard.core.RiskEvent;
import java.util.Objects;

/**
 * What rules read: the event (personal data already hashed) and its features.
 */
public record RuleInput(RiskEvent event, FeatureVector features) {
    public RuleInput {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(features, "features");
    }
}
