package io.woolguard.core.internal.engine;

import io.woolguard.core.BacktestReport;
import io.woolguard.core.Decision;
import io.woolguard.core.Explanation;
import io.woolguard.core.Outcome;
import io.woolguard.core.Reason;
import io.woolguard.core.internal.engine.RuleScorer.Scored;
import io.woolguard.core.internal.rules.LoadedRuleset;
import io.woolguard.core.internal.rules.RulesetRegistry;
import io.woolguard.core.internal.store.DecisionLog;
import io.woolguard.core.spi.RuleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Decides stored decisions again with a candidate ruleset version and tallies what would change.
 * Each stored decision is replayed from its own event and features (the live counters and stream
 * features as they were then), so the only difference is the rules. A decision a BLOCK or ALLOW
 * listing made stays as it was (lists come before rules); a WATCH listing's reason is kept and the
 * candidate's rules are scored on top of it.
 */
final class Backtester {
    /** How often (in decisions) progress is reported. */
    static final long PROGRESS_EVERY = 1_000;
    private static final String LIST_ALLOW = "list:ALLOW";
    private static final String LIST_BLOCK = "list:BLOCK";
    private static final String LIST_WATCH = "list:WATCH";

    private final DecisionLog decisions;
    private final RulesetRegistry rulesets;
    private final RuleScorer scorer;
    private final BooleanSupplier stopping;

    /**
     * @param stopping true once the backtest must give up (the engine is closing, or its thread was
     *                 interrupted): it then throws {@link IllegalStateException}
     */
    Backtester(DecisionLog decisions, RulesetRegistry rulesets, RuleScorer scorer, BooleanSupplier stopping) {
        this.decisions = decisions;
        this.rulesets = rulesets;
        this.scorer = scorer;
        this.stopping = stopping;
    }

    BacktestReport run(String version, Instant from, Instant to, long limit, BacktestReport.Progress progress) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(progress, "progress");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts, got from " + from + " to " + to);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        long started = System.nanoTime();
        LoadedRuleset candidate = rulesets.loaded(version);
        long inPeriod = decisions.count(from, to, limit == Long.MAX_VALUE ? limit : limit + 1);
        long total = Math.min(inPeriod, limit);
        Tally tally = new Tally();
        progress.advanced(0, total);
        decisions.replay(from, to, total, stored -> {
            if (stopping.getAsBoolean()) {
                throw new IllegalStateException("backtest of " + version + " stopped after " + tally.evaluated + " of "
                        + total + " decisions: the engine is closing or the backtest was interrupted");
            }
            tally.add(stored, decideAgain(candidate, stored));
            if (tally.evaluated % PROGRESS_EVERY == 0) {
                progress.advanced(tally.evaluated, total);
            }
        });
        if (tally.evaluated % PROGRESS_EVERY != 0) {
            progress.advanced(tally.evaluated, total);
        }
        return tally.report(version, from, to, inPeriod > limit, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The candidate's decision for a stored one, or {@code null} when a BLOCK or ALLOW listing decided it. */
    private Scored decideAgain(LoadedRuleset candidate, Explanation stored) {
        Decision decision = stored.decision();
        if (decidedByList(decision)) {
            return null;
        }
        List<Reason> reasons = new ArrayList<>();
        for (Reason reason : decision.reasons()) {
            if (LIST_WATCH.equals(reason.ruleId())) {
                reasons.add(reason);
            }
        }
        return scorer.scoreRules(candidate, new RuleInput(stored.event(), stored.features()), reasons);
    }

    private static boolean decidedByList(Decision decision) {
        for (Reason reason : decision.reasons()) {
            if (LIST_ALLOW.equals(reason.ruleId()) || LIST_BLOCK.equals(reason.ruleId())) {
                return true;
            }
        }
        return false;
    }

    private static final class Tally {
        long evaluated;
        long changed;
        long listDecided;
        long failures;
        final Map<Outcome, Map<Outcome, Long>> transitions = new EnumMap<>(Outcome.class);
        final Map<String, Long> ruleHits = new HashMap<>();
        final Map<String, Long> decidedBy = new HashMap<>();
        final List<BacktestReport.Change> examples = new ArrayList<>();

        /** @param again the candidate's decision, or null if a listing decided it (unchanged) */
        void add(Explanation stored, Scored again) {
            evaluated++;
            Decision before = stored.decision();
            decidedBy.merge(before.rulesetVersion() == null ? "none" : before.rulesetVersion(), 1L, Long::sum);
            Outcome after;
            if (again == null) {
                listDecided++;
                after = before.outcome();
            } else {
                after = again.outcome();
                if (again.failure() != null) {
                    failures++;
                }
                for (Reason reason : again.reasons()) {
                    if (!LIST_WATCH.equals(reason.ruleId())) {
                        ruleHits.merge(reason.ruleId(), 1L, Long::sum);
                    }
                }
            }
            transitions.computeIfAbsent(before.outcome(), o -> new EnumMap<>(Outcome.class)).merge(after, 1L, Long::sum);
            if (after != before.outcome()) {
                changed++;
                if (examples.size() < BacktestReport.MAX_EXAMPLES) {
                    examples.add(new BacktestReport.Change(before.eventId(), before.decidedAt(), before.outcome(),
                            before.score(), after, again.score(), again.reasons().stream().map(Reason::code).toList()));
                }
            }
        }

        BacktestReport report(String version, Instant from, Instant to, boolean limitReached, Duration took) {
            return new BacktestReport(version, from, to, evaluated, limitReached, changed, transitions, ruleHits,
                    decidedBy, listDecided, failures, examples, took);
        }
    }
}
