package io.woolguard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ruleset version would have decided on stored decisions ({@link RiskEngine#backtest}):
 * every stored decision in the period is decided again by the version, from the event and the
 * features stored with it, and compared with what was decided then. Nothing is enforced or stored.
 * Immutable.
 *
 * @param version       the version tested
 * @param from          the period's start (inclusive)
 * @param to            the period's end (exclusive)
 * @param evaluated     stored decisions decided again
 * @param limitReached  true if the period held more decisions than the limit and only the oldest were taken
 * @param changed       decisions whose outcome the version would change
 * @param transitions   stored outcome → the version's outcome → how many (every pair seen)
 * @param ruleHits      rule id → how many of the evaluated decisions it fired on (with the version)
 * @param decidedBy     ruleset version that made the stored decision → how many
 * @param listDecided   decisions a BLOCK or ALLOW listing made (the version's rules are not consulted; unchanged)
 * @param failures      evaluations the version could not complete within the limits (they got the fallback)
 * @param examples      up to {@link #MAX_EXAMPLES} changed decisions, oldest first
 * @param took          how long the backtest ran
 */
public record BacktestReport(String version, Instant from, Instant to, long evaluated, boolean limitReached,
                             long changed, Map<Outcome, Map<Outcome, Long>> transitions, Map<String, Long> ruleHits,
                             Map<String, Long> decidedBy, long listDecided, long failures, List<Change> examples,
                             Duration took) {
    /** Most changed decisions listed in {@link #examples}. */
    public static final int MAX_EXAMPLES = 20;

    public BacktestReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Map<Outcome, Map<Outcome, Long>> copy = new EnumMap<>(Outcome.class);
        transitions.forEach((before, after) -> {
            if (!after.isEmpty()) {
                copy.put(before, Collections.unmodifiableMap(new EnumMap<>(after)));
            }
        });
        transitions = Collections.unmodifiableMap(copy); // in Outcome order, both levels
        ruleHits = Map.copyOf(ruleHits);
        decidedBy = Map.copyOf(decidedBy);
        examples = List.copyOf(examples);
        Objects.requireNonNull(took, "took");
    }

    /** How many stored decisions had {@code before} and would get {@code after} from the version. */
    public long count(Outcome before, Outcome after) {
        return transitions.getOrDefault(before, Map.of()).getOrDefault(after, 0L);
    }

    /** How many decisions the version would give {@code outcome}. */
    public long countAfter(Outcome outcome) {
        return transitions.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    /** How many stored decisions had {@code outcome}. */
    public long countBefore(Outcome outcome) {
        return transitions.getOrDefault(outcome, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One decision the version would change.
     *
     * @param eventId      the event
     * @param decidedAt    when it was decided
     * @param before       the stored outcome
     * @param scoreBefore  the stored score
     * @param after        the version's outcome
     * @param scoreAfter   the version's score
     * @param reasonsAfter the version's reason codes, strongest first
     */
    public record Change(String eventId, Instant decidedAt, Outcome before, int scoreBefore, Outcome after,
                         int scoreAfter, List<String> reasonsAfter) {
        public Change {
            Objects.requireNonNull(eventId, "eventId");
            reasonsAfter = List.copyOf(reasonsAfter);
        }
    }

    /** Told as a backtest advances, from the thread running it. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param evaluated decisions done so far
         * @param total     decisions the backtest will evaluate (known before the first)
         */
        void advanced(long evaluated, long total);
    }
}
