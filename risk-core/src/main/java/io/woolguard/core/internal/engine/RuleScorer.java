package io.woolguard.core.internal.engine;

import io.woolguard.core.ListEntry;
import io.woolguard.core.ListType;
import io.woolguard.core.Outcome;
import io.woolguard.core.Reason;
import io.woolguard.core.ScoringPolicy;
import io.woolguard.core.internal.rules.LoadedRuleset;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a ruleset's view of one event into an outcome: the lists first (ALLOW wins, then BLOCK;
 * WATCH adds a reason), then the rules within the evaluation limits, scored by the scoring policy;
 * a ruleset that cannot decide gets the configured fallback. Used by {@code decide} for the active
 * and the shadow ruleset, and by backtests for a candidate. Thread-safe.
 */
final class RuleScorer {
    private static final Logger LOG = LoggerFactory.getLogger(RuleScorer.class);

    private final EngineConfig config;

    RuleScorer(EngineConfig config) {
        this.config = config;
    }

    /** One ruleset's view of an event: outcome, capped score, reasons strongest first. */
    record Scored(Outcome outcome, int score, List<Reason> reasons, String failure, List<String> rulesEvaluated) {
    }

    /** Scores an event for {@code ruleset} (null: none active) after the list verdict. */
    Scored score(LoadedRuleset ruleset, RuleInput input, ListVerdict verdict) {
        if (!verdict.allowed().isEmpty()) {
            return new Scored(Outcome.ALLOW, 0, listReasons("LISTED_ALLOW", ListType.ALLOW, verdict.allowed(), 0), null, List.of());
        }
        if (!verdict.blocked().isEmpty()) {
            return new Scored(Outcome.BLOCK, 100, listReasons("LISTED_BLOCK", ListType.BLOCK, verdict.blocked(), 100), null, List.of());
        }
        List<Reason> reasons = new ArrayList<>();
        if (!verdict.watched().isEmpty()) {
            reasons.add(watchReason(describe(ListType.WATCH, verdict.watched())));
        }
        return scoreRules(ruleset, input, reasons);
    }

    /** Scores the rules of {@code ruleset} on top of {@code reasons} already given (a WATCH listing). */
    Scored scoreRules(LoadedRuleset ruleset, RuleInput input, List<Reason> reasons) {
        String failure;
        List<String> evaluated = List.of();
        if (ruleset == null) {
            failure = "no active ruleset; upload and activate one";
        } else {
            evaluated = ruleset.ruleIds();
            failure = evaluateRules(ruleset, input, reasons);
        }
        reasons.sort(Comparator.comparingInt(Reason::score).reversed()); // stable: firing order among equals
        int score = ScoringPolicy.score(reasons.stream().map(Reason::score).toList());
        Outcome outcome = failure != null ? config.fallbackOutcome() : config.scoring().outcome(input.event().type(), score);
        return new Scored(outcome, score, reasons, failure, evaluated);
    }

    /** The reason a WATCH listing adds, with the configured score. */
    Reason watchReason(String message) {
        return new Reason("LISTED_WATCH", "list:WATCH", config.watchScore(), message);
    }

    /** Adds the rule hits to {@code reasons}; returns why evaluation failed, or {@code null}. */
    private String evaluateRules(LoadedRuleset ruleset, RuleInput input, List<Reason> reasons) {
        RuleEvaluation evaluation;
        try {
            evaluation = ruleset.rules().evaluate(input, config.limits());
        } catch (RuntimeException e) {
            LOG.warn("ruleset {} threw while evaluating event {}: {}", ruleset.version(), input.event().eventId(), e.toString());
            return "ruleset " + ruleset.version() + " threw " + e;
        }
        for (RuleHit hit : evaluation.hits()) {
            try {
                reasons.add(new Reason(hit.code(), hit.ruleId(), hit.score(), hit.message()));
            } catch (RuntimeException e) {
                return "rule " + hit.ruleId() + " produced an invalid hit: " + e.getMessage();
            }
        }
        if (evaluation.failed()) {
            LOG.warn("ruleset {} did not complete on event {}: {}", ruleset.version(), input.event().eventId(), evaluation.failure());
        }
        return evaluation.failure();
    }

    private static List<Reason> listReasons(String code, ListType list, List<ListEntry> entries, int score) {
        return List.of(new Reason(code, "list:" + list.name(), score, describe(list, entries)));
    }

    private static String describe(ListType list, List<ListEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (ListEntry entry : entries) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(entry.entityType().featurePrefix()).append(' ')
                    .append(entry.entityType().isPersonalData() ? "(hashed) " + entry.value().substring(0, Math.min(12, entry.value().length())) : entry.value())
                    .append(" is on the ").append(list.name()).append(" list");
            if (entry.reason() != null && !entry.reason().isBlank()) {
                text.append(": ").append(entry.reason());
            }
        }
        return text.toString();
    }
}
