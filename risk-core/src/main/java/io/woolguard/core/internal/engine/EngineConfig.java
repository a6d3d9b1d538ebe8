package io.woolguard.core.internal.engine;

import io.woolguard.core.EngineListener;
import io.woolguard.core.Outcome;
import io.woolguard.core.RulePack;
import io.woolguard.core.ScoringPolicy;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RulePackCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@link io.woolguard.core.RiskEngineBuilder} collected, checked and with defaults applied.
 *
 * @param dataDirectory       where everything is kept
 * @param rules               uploaded and activated at start, or {@code null}
 * @param initialRules        activated at start only when no version is active yet, or {@code null}
 * @param compiler            compiles rule packs
 * @param clock               the engine's time
 * @param personalDataKey     the HMAC key, or {@code null} to use (or create) {@code <dataDir>/pii.key}
 * @param scoring             score → outcome per event type
 * @param limits              bounds on one rule evaluation
 * @param fallbackOutcome     the outcome when rules cannot decide (ALLOW or REVIEW)
 * @param watchScore          the score a WATCH listing adds
 * @param listeners           told about every accepted event and label
 * @param featureCacheSize    entries in each in-memory cache (features, list lookups)
 * @param liveCounterLimit    entities tracked by the live velocity counters
 * @param decisionRetention   how long stored decisions are kept
 * @param maintenanceInterval how often expired list entries and old decisions are swept
 */
public record EngineConfig(Path dataDirectory, RulePack rules, RulePack initialRules, RulePackCompiler compiler,
                           Clock clock, byte[] personalDataKey, ScoringPolicy scoring, EvaluationLimits limits,
                           Outcome fallbackOutcome, int watchScore, List<EngineListener> listeners,
                           long featureCacheSize, long liveCounterLimit, Duration decisionRetention,
                           Duration maintenanceInterval) {
    public EngineConfig {
        listeners = List.copyOf(listeners);
    }
}
