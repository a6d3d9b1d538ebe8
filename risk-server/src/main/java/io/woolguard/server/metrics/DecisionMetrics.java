package io.woolguard.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.woolguard.core.Decision;
import io.woolguard.core.Outcome;
import io.woolguard.core.Reason;
import io.woolguard.server.engine.EngineRuntime;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own metrics, exposed on {@code /prometheus}:
 * {@code woolguard_decisions_total{outcome}}, {@code woolguard_decision_latency_seconds} (histogram),
 * {@code woolguard_rule_hits_total{rule_id}}, {@code woolguard_decisions_degraded_total{input}},
 * {@code woolguard_events_ingested_total}, {@code woolguard_stream_lag_events} and
 * {@code woolguard_ready}. Counters count responses served (a replayed event id counts again here,
 * while the engine's features count it once). Thread-safe.
 */
@Singleton
public final class DecisionMetrics {
    private final MeterRegistry registry;
    private final Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
    private final Map<String, Counter> ruleHits = new ConcurrentHashMap<>();
    private final Map<String, Counter> degraded = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter ingested;

    public DecisionMetrics(MeterRegistry registry, EngineRuntime runtime) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, Counter.builder("woolguard.decisions")
                    .description("Decisions served, by outcome")
                    .tag("outcome", outcome.name())
                    .register(registry));
        }
        this.latency = Timer.builder("woolguard.decision.latency")
                .description("Time to decide one event inside the service (parse, decide, write)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        this.ingested = Counter.builder("woolguard.events.ingested")
                .description("Events accepted by POST /v1/events")
                .register(registry);
        Gauge.builder("woolguard.stream.lag", runtime, EngineRuntime::streamLag)
                .description("Events accepted but not yet reflected in the stored features")
                .baseUnit("events")
                .register(registry);
        Gauge.builder("woolguard.ready", runtime, r -> r.ready() ? 1 : 0)
                .description("1 when rules are loaded, stores open and the feature stream running")
                .register(registry);
    }

    /** Records one decision served and how long it took. */
    public void recordDecision(Decision decision, long elapsedNanos) {
        latency.record(elapsedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        byOutcome.get(decision.outcome()).increment();
        for (Reason reason : decision.reasons()) {
            ruleHits.computeIfAbsent(reason.ruleId(), id -> Counter.builder("woolguard.rule.hits")
                    .description("Rule firings in served decisions, by rule id")
                    .tag("rule_id", id)
                    .register(registry)).increment();
        }
        if (decision.degraded()) {
            String reasons = decision.degradedReason() == null ? "unknown" : decision.degradedReason();
            for (String part : reasons.split(";")) {
                // "rules: <failure text>" -> "rules": keep the label's cardinality bounded
                String input = part.strip();
                int colon = input.indexOf(':');
                String tag = (colon < 0 ? input : input.substring(0, colon)).strip();
                degraded.computeIfAbsent(tag.isEmpty() ? "unknown" : tag, r -> Counter.builder("woolguard.decisions.degraded")
                        .description("Decisions made without some input, by what was missing")
                        .tag("input", r)
                        .register(registry)).increment();
            }
        }
    }

    /** Records a batch of ingested events. */
    public void recordIngested(int count) {
        ingested.increment(count);
    }
}
