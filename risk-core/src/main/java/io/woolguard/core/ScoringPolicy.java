package io.woolguard.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a score into an outcome, with thresholds per event type. The score is the sum of the
 * fired rules' scores, capped at 100. Immutable.
 */
public final class ScoringPolicy {
    /**
     * Score thresholds: at or above {@code block} blocks, at or above {@code review} reviews, at or above
     * {@code challenge} challenges, below allows. Must satisfy 0 < challenge ≤ review ≤ block ≤ 100.
     */
    public record Thresholds(int challenge, int review, int block) {
        public Thresholds {
            if (challenge < 1 || challenge > review || review > block || block > 100) {
                throw new IllegalArgumentException("thresholds must satisfy 0 < challenge <= review <= block <= 100, got "
                        + challenge + "/" + review + "/" + block);
            }
        }

        /** The outcome for a score. */
        public Outcome outcome(int score) {
            if (score >= block) {
                return Outcome.BLOCK;
            }
            if (score >= review) {
                return Outcome.REVIEW;
            }
            if (score >= challenge) {
                return Outcome.CHALLENGE;
            }
            return Outcome.ALLOW;
        }
    }

    /** Challenge at 40, review at 60, block at 80, for every event type. */
    public static final Thresholds DEFAULT_THRESHOLDS = new Thresholds(40, 60, 80);

    private static final ScoringPolicy DEFAULT = new ScoringPolicy(Map.of());

    private final Map<EventType, Thresholds> byType;

    private ScoringPolicy(Map<EventType, Thresholds> byType) {
        EnumMap<EventType, Thresholds> all = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            all.put(type, byType.getOrDefault(type, DEFAULT_THRESHOLDS));
        }
        this.byType = Collections.unmodifiableMap(all);
    }

    /** {@link #DEFAULT_THRESHOLDS} for every event type. */
    public static ScoringPolicy defaults() {
        return DEFAULT;
    }

    /** This policy with other thresholds for one event type. */
    public ScoringPolicy with(EventType type, Thresholds thresholds) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(thresholds, "thresholds");
        EnumMap<EventType, Thresholds> copy = new EnumMap<>(byType);
        copy.put(type, thresholds);
        return new ScoringPolicy(copy);
    }

    /** The thresholds for an event type. */
    public Thresholds thresholds(EventType type) {
        return byType.get(type);
    }

    /** Sum of scores, capped at 100. */
    public static int score(Iterable<Integer> scores) {
        int sum = 0;
        for (int s : scores) {
            sum = Math.min(100, sum + s);
        }
        return sum;
    }

    /** The outcome for a score of an event type. */
    public Outcome outcome(EventType type, int score) {
        return byType.get(type).outcome(score);
    }
}
