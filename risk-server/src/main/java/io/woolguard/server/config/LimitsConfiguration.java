package io.woolguard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Request limits and overload behaviour ({@code woolguard.limits.*}).
 *
 * @param decisionBodyBytes      largest body for {@code POST /v1/decisions} and a label or list request
 * @param eventsBodyBytes        largest body for {@code POST /v1/events}
 * @param rulesetBodyBytes       largest rule-pack upload (must stay below {@code micronaut.server.max-request-size})
 * @param eventsPerBatch         most events in one {@code POST /v1/events}
 * @param maxConcurrentDecisions decisions evaluated at once; beyond it requests get a fast 503
 * @param retryAfter             what the 503 tells clients to wait
 * @param decisionBudget         the engine's per-decision time budget before the fallback applies
 * @param decisionThreads        threads that run decisions; 0 (the default) means two per available core
 */
@ConfigurationProperties("woolguard.limits")
public record LimitsConfiguration(
        @Bindable(defaultValue = "65536") int decisionBodyBytes,
        @Bindable(defaultValue = "4194304") int eventsBodyBytes,
        @Bindable(defaultValue = "9437184") int rulesetBodyBytes,
        @Bindable(defaultValue = "1000") int eventsPerBatch,
        @Bindable(defaultValue = "64") int maxConcurrentDecisions,
        @Bindable(defaultValue = "1s") Duration retryAfter,
        @Bindable(defaultValue = "50ms") Duration decisionBudget,
        @Bindable(defaultValue = "0") int decisionThreads) {

    /** The threads that run decisions: {@link #decisionThreads}, or two per available core when it is 0. */
    public int decisionThreadCount() {
        return decisionThreads > 0 ? decisionThreads : Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** Checks the values once at startup; throws {@link IllegalStateException} naming the key. */
    public void validate() {
        positive(decisionBodyBytes, "woolguard.limits.decision-body-bytes");
        positive(eventsBodyBytes, "woolguard.limits.events-body-bytes");
        positive(rulesetBodyBytes, "woolguard.limits.ruleset-body-bytes");
        positive(eventsPerBatch, "woolguard.limits.events-per-batch");
        positive(maxConcurrentDecisions, "woolguard.limits.max-concurrent-decisions");
        if (decisionThreads < 0) {
            throw new IllegalStateException("woolguard.limits.decision-threads must be 0 (two per core) or more, got "
                    + decisionThreads);
        }
        if (decisionBudget.isZero() || decisionBudget.isNegative()) {
            throw new IllegalStateException("woolguard.limits.decision-budget must be positive, e.g. 50ms");
        }
    }

    private static void positive(int value, String key) {
        if (value < 1) {
            throw new IllegalStateException(key + " must be at least 1, got " + value);
        }
    }
}
